/** A candidate's accommodations set to none, as the coordinator's form sends them. */
export const noAccommodations = {
  timeMultiplier: 1,
  extraMinutesPart1: 0,
  extraMinutesPart2: 0,
  breaks: false,
  largeText: false,
  highContrast: false,
  notes: null,
  validUntil: null,
};
