import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisScopesResponse, ItemAnalysisResponse } from '@exam/shared/api';
import { analysisRuns, attemptParts, auditLog, bankForms } from '../src/db/schema/index.js';
import { sitPartOne } from './helpers/analysis-fixture.js';
import { call } from './helpers/grading-fixture.js';
import { createTestApp, loginAs, type TestApp } from './helpers/test-app.js';

/**
 * Item analysis on the demo sitting. Two IMH-E candidates: one answers positions 1–40 with the
 * key, the other 1–20; both answer wrongly (the option after the key) up to 55 and omit 56–60.
 * Every candidate's options are shuffled differently, so the figures only come out as below if
 * the server maps each stored display index back to the original option.
 */
describe('item analysis routes', () => {
  let t: TestApp;
  let coordinator: string;
  let psychometrician: string;
  let scope: AnalysisScopesResponse['scopes'][number];

  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await loginAs(t.app, 'coordinator@demo.test');
    psychometrician = await loginAs(t.app, 'psychometrician@demo.test');
    const planFor = (correctUpTo: number) => (position: number) =>
      position <= correctUpTo ? 'key' : position <= 55 ? 'next' : 'omit';
    await sitPartOne(t.app, t.database.db, 'candidate@demo.test', planFor(40));
    await sitPartOne(t.app, t.database.db, 'mentor.research@demo.test', planFor(20));
    await sitPartOne(t.app, t.database.db, 'mentor.policy@demo.test', planFor(60));
    const scopes = await call(t.app, psychometrician, 'GET', '/api/analysis/scopes');
    expect(scopes.statusCode).toBe(200);
    const found = (scopes.json() as AnalysisScopesResponse).scopes.find(
      (s) => s.endorsement === 'IMH-E',
    );
    expect(found).toBeDefined();
    scope = found!;
  });
  afterAll(() => t.close());

  const url = (suffix = '') =>
    `/api/analysis/forms/${scope.formId}${suffix}?sittingId=${scope.sittingId}`;

  it('lists the forms sat per sitting with their closed Part Ones', () => {
    expect(scope.closedAttempts).toBe(2);
    expect(scope.sittingName).toBe('Demo sitting (practice)');
  });

  it('computes the figures from the stored answers, mapped back through each option order', async () => {
    const response = await call(t.app, psychometrician, 'GET', url());
    expect(response.statusCode).toBe(200);
    const analysis = response.json() as ItemAnalysisResponse;
    expect(analysis.test.candidates).toBe(2);
    expect(analysis.test.items).toBe(60);
    expect([analysis.test.min, analysis.test.max, analysis.test.mean]).toEqual([20, 40, 30]);
    // Totals 40 and 20: SD (n−1) = sqrt(((10)² + (10)²) / 1).
    expect(analysis.test.sd).toBeCloseTo(Math.sqrt(200), 10);
    expect(analysis.test.passRate).toBe(0);
    const at = (position: number) => analysis.items.find((i) => i.position === position)!;
    expect([at(1).p, at(30).p, at(50).p, at(58).p]).toEqual([1, 0.5, 0, 0]);
    expect([at(50).omitRate, at(58).omitRate]).toEqual([0, 1]);
    // Both chose the option after the key at position 50, whatever order each of them saw.
    const key50 = at(50).options.findIndex((o) => o.isKey);
    expect(at(50).options[(key50 + 1) % 4]!.proportion).toBe(1);
    expect(at(50).flags.map((f) => f.code)).toContain('TOO_HARD');
    expect(at(1).flags.map((f) => f.code)).toContain('TOO_EASY');
    expect(at(1).itemId).toMatch(/^[0-9a-f-]{36}$/);
    expect(analysis.optionCurves).toHaveLength(60);
    expect(analysis.rules.length).toBeGreaterThan(3);
    // Nothing about who sat it.
    expect(JSON.stringify(analysis)).not.toMatch(/@demo\.test|Casey|Riley/);
  });

  it('stores an analysis by itself after Part Ones close, off the closing path', async () => {
    // The closes in beforeAll queued runs; poll for them (they run after the close returned).
    let runs: (typeof analysisRuns.$inferSelect)[] = [];
    for (let tries = 0; tries < 100; tries += 1) {
      runs = await t.database.db
        .select()
        .from(analysisRuns)
        .where(eq(analysisRuns.sittingId, scope.sittingId!));
      if (runs.some((r) => r.formId === scope.formId && r.candidates === 2)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latest = runs.filter((r) => r.formId === scope.formId).at(-1)!;
    const result = latest.result as ItemAnalysisResponse;
    expect(latest).toMatchObject({ trigger: 'part_one_closed', candidates: 2 });
    expect(latest.flaggedItems).toBe(result.items.filter((i) => i.flags.length > 0).length);
    expect(latest.flaggedItems).toBeGreaterThan(0);
    expect(result.test).toMatchObject({ candidates: 2, min: 20, max: 40 });
    const shown = (await call(t.app, psychometrician, 'GET', url())).json() as ItemAnalysisResponse;
    expect(shown.automatic).not.toBeNull();
    expect(shown.automatic!.flaggedItems).toBe(latest.flaggedItems);
  });

  it('analyses at the next start a close no worker reached (the instance stopped first)', async () => {
    const { auto } = t.app.itemAnalysis;
    await auto.idle();
    const runsOfScope = () =>
      t.database.db
        .select()
        .from(analysisRuns)
        .where(
          and(eq(analysisRuns.sittingId, scope.sittingId!), eq(analysisRuns.formId, scope.formId!)),
        );
    await t.database.db.delete(analysisRuns).where(eq(analysisRuns.sittingId, scope.sittingId!));

    auto.stop();
    await auto.start();
    await auto.idle();
    const runs = await runsOfScope();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'part_one_closed', candidates: 2 });

    // Nothing closed since: a later start runs nothing again.
    auto.stop();
    await auto.start();
    await auto.idle();
    expect(await runsOfScope()).toHaveLength(1);
  });

  it('admits coordinators and psychometricians only', async () => {
    expect((await call(t.app, coordinator, 'GET', url())).statusCode).toBe(200);
    for (const email of [
      'candidate@demo.test',
      'grader1@demo.test',
      'proctor@demo.test',
      'admin@demo.test',
    ]) {
      const cookie = await loginAs(t.app, email);
      for (const path of [url(), url('/analysis.csv'), '/api/analysis/scopes']) {
        expect((await call(t.app, cookie, 'GET', path)).statusCode).toBe(403);
      }
    }
    expect((await t.app.inject({ method: 'GET', url: url() })).statusCode).toBe(401);
  });

  it('lets an admin grant the psychometrician role, and not a coordinator', async () => {
    const body = (email: string) => ({
      email,
      displayName: 'Quinn Quant',
      password: 'a-long-enough-password',
      roles: ['psychometrician'],
    });
    const admin = await loginAs(t.app, 'admin@demo.test');
    const refused = await call(t.app, coordinator, 'POST', '/api/users', body('q1@demo.test'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('psychometrician');
    const granted = await call(t.app, admin, 'POST', '/api/users', body('q2@demo.test'));
    expect(granted.statusCode).toBe(201);
    const cookie = await loginAs(t.app, 'q2@demo.test', 'a-long-enough-password');
    expect((await call(t.app, cookie, 'GET', '/api/analysis/scopes')).statusCode).toBe(200);
  });

  it('refuses a bad or unknown scope with a clear error', async () => {
    const bad = await call(
      t.app,
      psychometrician,
      'GET',
      `/api/analysis/forms/${scope.formId}?sittingId=nope`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await call(
      t.app,
      psychometrician,
      'GET',
      `/api/analysis/forms/${scope.formId}?sittingId=00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ANALYSIS_SCOPE_NOT_FOUND');
  });

  it('exports CSV that parses back to the same figures, and audits the export', async () => {
    const response = await call(t.app, psychometrician, 'GET', url('/analysis.csv'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const parsed = Papa.parse<Record<string, string>>(response.body, { header: true });
    expect(parsed.data).toHaveLength(60);
    const row30 = parsed.data.find((r) => r.Position === '30')!;
    expect(Number(row30.p)).toBe(0.5);
    expect(row30['Omit rate']).toBe('0');
    expect(parsed.data.find((r) => r.Position === '1')!.Flags).toContain('TOO_EASY');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'analysis.exported'));
    expect(audits.map((a) => a.details)).toContainEqual(
      expect.objectContaining({ format: 'csv', sittingId: scope.sittingId }),
    );
  });

  it('exports XLSX that exceljs reads back cell for cell', async () => {
    const response = await call(t.app, coordinator, 'GET', url('/analysis.xlsx'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const items = book.getWorksheet('Items')!;
    expect(items.getRow(1).getCell(1).value).toBe('Position');
    expect(items.getRow(1).getCell(5).value).toBe('p');
    expect(items.rowCount).toBe(61);
    const row30 = items.getRow(31);
    expect(row30.getCell(1).value).toBe(30);
    expect(row30.getCell(5).value).toBe(0.5);
    const summary = book.getWorksheet('Summary')!;
    const figures = new Map<string, unknown>();
    summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get('Candidates')).toBe(2);
    expect(figures.get('Mean')).toBe(30);
    expect(figures.get('Cut score')).toBe(48);
  });

  it("scores with the sitting's corrections: a re-key's new key, a void shown but not counted", async () => {
    const read = async () =>
      (await call(t.app, psychometrician, 'GET', url())).json() as ItemAnalysisResponse;
    const before = await read();
    const key50 = before.items.find((i) => i.position === 50)!.options.findIndex((o) => o.isKey);
    const correct = (body: object) =>
      call(t.app, coordinator, 'POST', `/api/scoring-corrections/sittings/${scope.sittingId}`, {
        formId: scope.formId,
        reason: 'Reviewed by the committee.',
        ...body,
      });
    // Items are corrected once the sitting has closed.
    const closed = await call(
      t.app,
      coordinator,
      'POST',
      `/api/sittings/${scope.sittingId}/transition`,
      {
        to: 'closed',
      },
    );
    expect(closed.statusCode, closed.body).toBe(200);
    // Both candidates chose the option after the key at 50: keyed to it, both are right.
    const rekeyed = await correct({ kind: 'rekey', position: 50, keyIndex: (key50 + 1) % 4 });
    expect(rekeyed.statusCode, rekeyed.body).toBe(200);
    const voided = await correct({ kind: 'void', position: 56 });
    expect(voided.statusCode, voided.body).toBe(200);
    const after = await read();
    const at = (position: number) => after.items.find((i) => i.position === position)!;
    expect(at(50)).toMatchObject({ p: 1, correction: 'rekey' });
    expect(at(50).options[(key50 + 1) % 4]!.isKey).toBe(true);
    // Totals 41 and 21 of 59 items; the voided item stays in the table, unflagged.
    expect(after.test.items).toBe(59);
    expect([after.test.min, after.test.max]).toEqual([21, 41]);
    expect(after.test.distribution).toHaveLength(60);
    expect(after.items).toHaveLength(60);
    expect(at(56)).toMatchObject({ correction: 'void', omitRate: 1, itemRest: null, flags: [] });
    expect(at(1).correction).toBeNull();
    expect(after.optionCurves.map((c) => c.position)).not.toContain(56);
    // Items 50 (now right for both) and 56 (omitted by both) do not vary: a constant added to
    // every total leaves alpha as it was (k counts the items that vary, as psych::alpha does).
    expect(after.test.alpha).toBeCloseTo(before.test.alpha!, 12);
    // 48 of 60 kept as a proportion of 59 items: still 48.
    expect(after.test.cutScore).toBe(48);
  });

  it("judges a sitting by the cut its results were scored with, else by the form's adopted cut", async () => {
    const read = async () =>
      (await call(t.app, psychometrician, 'GET', url())).json() as ItemAnalysisResponse;
    await t.database.db
      .update(bankForms)
      .set({ cutScore: 30 })
      .where(eq(bankForms.id, scope.formId));
    // The stored results were judged against 48: that stays the sitting's pass mark.
    expect((await read()).test).toMatchObject({ cutScore: 48, passRate: 0 });
    // Results that stored no cut (as before cuts were stored) fall back to the form's cut, 30 of
    // 60 scaled to the 59 items that count: 30; totals 41 and 21, so one of two passes.
    await t.database.db
      .update(attemptParts)
      .set({ result: sql`${attemptParts.result} - 'cutScore' - 'baseCutScore'` })
      .where(eq(attemptParts.part, 1));
    expect((await read()).test).toMatchObject({ cutScore: 30, passRate: 0.5 });
  });
});
