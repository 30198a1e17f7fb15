CREATE TABLE "study_pointers" (
	"domain" text PRIMARY KEY NOT NULL,
	"summary" text NOT NULL,
	"read_about" jsonb NOT NULL,
	"practise" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "study_pointers" ADD CONSTRAINT "study_pointers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- The study pointers the product ships with: product content from here on, edited by coordinators.
INSERT INTO "study_pointers" ("domain", "summary", "read_about", "practise") VALUES
  ('theoretical-foundations',
   'Strengthen the developmental and relational knowledge that explains why young children and their caregivers behave as they do.',
   '["Development from pregnancy to age 6 across physical, social-emotional, language and cognitive domains","Attachment theory and research on how caregiving relationships shape regulation and exploration","How stress, trauma and protective relationships affect early brain development","How culture and family systems shape caregiving and what is considered typical"]'::jsonb,
   '["Explain a child''s behavior you have observed in two or three plain sentences that draw on development and relationships.","Compare what a behavior might mean at 9 months, 2 years and 5 years."]'::jsonb),
  ('law-regulation-policy',
   'Be sure of the legal and agency rules that protect young children and families, and of how to act on them within a relationship.',
   '["Mandated reporting duties in your state and your agency, and what happens after a report","Confidentiality, consent and information sharing when the client is a young child and family","Child welfare, early intervention and family court processes as they affect infants and young children"]'::jsonb,
   '["Walk through your agency reporting steps with a supervisor, including how to tell a family that you are making a report.","For one family you serve, list who may consent to services and who may receive information."]'::jsonb),
  ('systems-expertise',
   'Understand the service systems around young children and families, and how families move, or fail to move, between them.',
   '["Health, early intervention, child welfare, early care and education, and mental health services for children under 6","How referrals, eligibility rules and funding streams connect or divide these systems","Barriers families meet in practice, including language, transportation and distrust of services"]'::jsonb,
   '["Map every service and person involved with one family, and mark where communication breaks down.","Follow one referral from start to finish and note each point where it could be lost."]'::jsonb),
  ('direct-service-skills',
   'Build skill in observing, assessing and intervening with young children in the context of their caregiving relationships.',
   '["Observation of caregiver-child interaction, and how to separate what you see from what you infer","Screening and assessment approaches suited to the age band you serve, and their limits","Relationship-based intervention approaches for infants, toddlers, preschoolers and their caregivers"]'::jsonb,
   '["Write a short observation that records only what you saw and heard, then write your interpretations separately.","After a visit, note one moment where you supported the caregiver in noticing the child."]'::jsonb),
  ('working-with-others',
   'Deepen partnership with families and collaboration with other professionals, especially across differences.',
   '["Family-centered and strengths-based practice, and what partnership means when a family did not choose services","Cultural humility and the ways your own culture shapes what you notice and expect","Collaboration across disciplines and agencies, including how to handle disagreement"]'::jsonb,
   '["Before a team meeting, write down what each participant, including the parent, most needs from it.","Ask a family what they want from your work together, and revisit the answer after a month."]'::jsonb),
  ('communicating',
   'Practise listening and speaking in ways that keep relationships safe, including when the message is hard.',
   '["Reflective listening and how to respond to strong feelings without rushing to fix them","Sharing difficult information with families and colleagues","Writing for different audiences: families, other providers, funders and decision makers"]'::jsonb,
   '["Rehearse, with a colleague, telling a parent about a concern in words the parent would use.","Rewrite one report or summary so that a family member could read it without jargon."]'::jsonb),
  ('thinking',
   'Sharpen how you form, test and revise explanations, holding more than one perspective when the picture is unclear.',
   '["Forming hypotheses from observation, and gathering information that could prove them wrong","Taking each person''s perspective in turn: the child''s, each caregiver''s and the professionals''","Weighing risk and protective factors without jumping to conclusions"]'::jsonb,
   '["For a behavior that puzzles you, write three different explanations and what would support each.","In a case discussion, name one assumption you are making and how you could check it."]'::jsonb),
  ('reflection',
   'Make fuller use of your own responses and of reflective supervision to understand families and guide your work.',
   '["Reflective supervision and consultation: its purpose, structure and the supervisory relationship","Parallel process, and how feelings in one relationship can echo in another","Self-awareness, personal history and bias in relationship-based work"]'::jsonb,
   '["After visits, jot down what you felt and when, and bring one of those moments to supervision.","Notice a case you avoid thinking about, and ask yourself what it stirs in you."]'::jsonb),
  ('administration',
   'Grow as a leader who builds programs and policies in which relationship-based practice can actually happen.',
   '["Program planning and management grounded in infant and early childhood mental health principles","Workforce well-being: caseloads, reflective supervision, retention and their funding","How contracts, data requirements and funding rules shape practice, and how to change them"]'::jsonb,
   '["Review one policy or contract you work under and mark where it supports or undermines relationships.","Draft a one-page proposal for a change, including its cost and how you would measure its effect."]'::jsonb),
  ('research-evaluation',
   'Strengthen your ability to read, design and communicate research and evaluation in the field.',
   '["Study designs and what each can and cannot show, from case studies to randomized trials","Measurement: validity, reliability and fit with the culture and language of participants","Program evaluation with community partners, including ethics, consent and data ownership"]'::jsonb,
   '["Summarize one recent study''s question, design, sample, findings and limitations in five sentences.","Sketch an evaluation for a program you know, and list what would threaten its conclusions."]'::jsonb)
ON CONFLICT ("domain") DO NOTHING;
