import { describe, expect, it } from 'vitest';
import { describeFirstStart } from '../../src/first-start.js';

describe('the demo logins printed at first start', () => {
  it('name the association each login acts for, or the programme', () => {
    const lines = describeFirstStart({
      demoLogins: [
        { role: 'admin', email: 'admin@demo.test', password: 'pw', associations: [] },
        {
          role: 'coordinator',
          email: 'coordinator@co.demo.test',
          password: 'pw',
          associations: ['CO-AIMH'],
        },
        {
          role: 'proctor',
          email: 'proctor.both@demo.test',
          password: 'pw',
          associations: ['MI-AIMH', 'CO-AIMH'],
        },
      ],
    });
    const rows = lines.filter((line) => line.includes('password: pw'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^\s+programme\s+admin\s+admin@demo\.test\s+password: pw$/);
    expect(rows[1]).toMatch(/^\s+CO-AIMH\s+coordinator\s+coordinator@co\.demo\.test\s+password/);
    expect(rows[2]).toMatch(/^\s+MI-AIMH \+ CO-AIMH\s+proctor\s+proctor\.both@demo\.test/);
    // Columns line up: every address starts at the same place.
    const starts = rows.map((row) => row.search(/\S+@/));
    expect(new Set(starts).size).toBe(1);
  });
});
