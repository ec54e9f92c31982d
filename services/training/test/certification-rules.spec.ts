import { SHIPPED_RULES } from '../src/rules/defaults';
import { evaluate, type LedgerLine, type RuleVersion } from '../src/rules/progress';
import { ruleParamProblems } from '../src/rules/rule-params';

/** The shipped defaults as rule versions (what a fresh installation evaluates against). */
const DEFAULTS: RuleVersion[] = SHIPPED_RULES.map((r, i) => ({
  id: `default-${i}`,
  programCode: r.programCode,
  kind: r.kind,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: null,
  params: r.params,
}));

// Pure rule evaluation with an explicit `asOf`: the fixtures are past fiscal years (2009–2019),
// none of them today's.
const line = (code: string, earnedOn: string, units: number): LedgerLine => ({ code, earnedOn, units });
const req = (p: ReturnType<typeof evaluate>, key: string) => p.requirements.find((r) => r.key === key);

describe('CME (生涯教育): units + distinct curriculum codes over 3 consecutive fiscal years', () => {
  const cme = (lines: LedgerLine[], asOf = '2016-01-15') =>
    evaluate({ programCode: 'CME', asOf, rules: DEFAULTS, lines, certificates: [] });

  it('counts a repeated curriculum code once (units still add up)', () => {
    // 20 sessions of code 10, 1.5 units each: 30 units but ONE code → 31 < 60
    const p = cme(
      Array.from({ length: 20 }, (_, i) => line('10', `2015-05-${String(i + 1).padStart(2, '0')}`, 1.5)),
    );
    expect(p.units).toBe(30);
    expect(p.distinctCodes).toBe(1);
    expect(p.total).toBe(31);
    expect(p.eligible).toBe(false);
    expect(req(p, 'TOTAL')).toMatchObject({ required: 60, achieved: 31, met: false, missing: 29 });
  });

  it('reaches 60 with 30 units spread over 30 distinct codes', () => {
    const p = cme(Array.from({ length: 30 }, (_, i) => line(String(i + 1), '2014-06-01', 1)));
    expect(p).toMatchObject({ units: 30, distinctCodes: 30, total: 60, eligible: true });
    // by when: the end of the current fiscal year, the last of the window
    expect(p).toMatchObject({ windowFrom: '2013-04-01', deadline: '2016-03-31' });
  });

  it('puts the window boundary on April 1: March 31 of the first year is out, April 1 is in', () => {
    const base = Array.from({ length: 29 }, (_, i) => line(String(i + 1), '2014-06-01', 1)); // 29 + 29 = 58
    const outside = cme([...base, line('50', '2013-03-31', 1)]);
    expect(outside.total).toBe(58);
    expect(outside.eligible).toBe(false);
    const inside = cme([...base, line('50', '2013-04-01', 1)]);
    expect(inside.total).toBe(60);
    expect(inside.eligible).toBe(true);
    // a year later (FY2016 starts 2016-04-01) the FY2013 entries drop out of the window
    expect(cme([...base, line('50', '2013-04-01', 1)], '2016-04-01').total).toBe(58);
  });

  it('adds units in 0.5 steps exactly (no floating-point drift)', () => {
    const p = cme(Array.from({ length: 59 }, (_, i) => line(String((i % 84) + 1), '2015-04-01', 0.5)));
    expect(p.units).toBe(29.5);
    expect(p.distinctCodes).toBe(59);
    expect(p.total).toBe(88.5);
    const tiny = cme([
      line('1', '2015-04-01', 0.5),
      line('1', '2015-05-01', 0.5),
      line('2', '2015-06-01', 0.5),
    ]);
    expect(tiny).toMatchObject({ units: 1.5, distinctCodes: 2, total: 3.5 });
  });

  it('nets reversing entries out: a fully reversed code no longer counts as a distinct code', () => {
    const p = cme([line('5', '2015-05-01', 2), line('5', '2015-05-01', -2), line('6', '2015-05-02', 1)]);
    expect(p).toMatchObject({ units: 1, distinctCodes: 1 });
  });
});

describe('certified occupational physician (認定産業医)', () => {
  const basic = (early: number, practical: number, late: number, on = '2014-10-01') => [
    line('BASIC_EARLY', on, early),
    line('BASIC_PRACTICAL', on, practical),
    line('BASIC_LATE', on, late),
  ];
  const occ = (
    lines: LedgerLine[],
    asOf: string,
    certificates = [] as Parameters<typeof evaluate>[0]['certificates'],
  ) => evaluate({ programCode: 'OCCUPATIONAL', asOf, rules: DEFAULTS, lines, certificates });

  it('new: 50 basic units with at least 14 early-stage, 10 practical, 26 late-stage', () => {
    const ok = occ(basic(14, 10, 26), '2015-01-10');
    expect(ok.kind).toBe('NEW');
    expect(ok.eligible).toBe(true);
    expect(ok.units).toBe(50);
    // by when: within 5 years of the last session
    expect(ok.deadline).toBe('2019-10-01');
  });

  it('new: 50 units are not enough when one category falls short', () => {
    const p = occ(basic(20, 9.5, 20.5), '2015-01-10');
    expect(p.units).toBe(50);
    expect(p.eligible).toBe(false);
    expect(req(p, 'CATEGORY:PRACTICAL')).toMatchObject({
      required: 10,
      achieved: 9.5,
      missing: 0.5,
      met: false,
    });
    expect(req(p, 'CATEGORY:LATE_STAGE')).toMatchObject({ required: 26, achieved: 20.5, missing: 5.5 });
    expect(req(p, 'CATEGORY:EARLY_STAGE')).toMatchObject({ met: true });
  });

  it('new: categories met but the total short of 50 is not eligible', () => {
    const p = occ(basic(14, 10, 25.5), '2015-01-10');
    expect(req(p, 'TOTAL')).toMatchObject({ achieved: 49.5, missing: 0.5, met: false });
    expect(p.eligible).toBe(false);
  });

  it('new: continuing-training units do not count toward the basic requirement', () => {
    const p = occ([...basic(14, 10, 20), line('CONTINUING_UPDATE', '2014-11-01', 6)], '2015-01-10');
    expect(p.units).toBe(44);
    expect(p.eligible).toBe(false);
  });

  it('new: too late more than 5 years after the last session', () => {
    const p = occ(basic(14, 10, 26, '2009-06-01'), '2014-06-02');
    expect(p.deadline).toBe('2014-06-01');
    expect(p.eligible).toBe(false);
  });

  const cert = { id: 'c1', programCode: 'OCCUPATIONAL', validFrom: '2011-04-01', validTo: '2016-03-31' };
  const renewalLines = [
    line('CONTINUING_UPDATE', '2012-05-01', 1),
    line('CONTINUING_PRACTICAL', '2013-05-01', 1),
    line('CONTINUING_SPECIALIST', '2014-05-01', 1),
    line('CONTINUING_UPDATE', '2015-05-01', 17),
  ];

  it('renewal: 20 units in the validity period with at least 1 each of update, practical, specialist', () => {
    const p = occ(renewalLines, '2016-01-10', [cert]);
    expect(p.kind).toBe('RENEWAL');
    expect(p.renewsCertificateId).toBe('c1');
    expect(p).toMatchObject({ units: 20, eligible: true, deadline: '2016-03-31', inGrace: false });
  });

  it('renewal: 20 units without any specialist unit is not enough', () => {
    const lines = [
      line('CONTINUING_UPDATE', '2012-05-01', 10),
      line('CONTINUING_PRACTICAL', '2013-05-01', 10),
    ];
    const p = occ(lines, '2016-01-10', [cert]);
    expect(p.units).toBe(20);
    expect(p.eligible).toBe(false);
    expect(req(p, 'CATEGORY:SPECIALIST')).toMatchObject({ required: 1, achieved: 0, missing: 1 });
  });

  it('renewal: units earned before the certificate period do not count', () => {
    const p = occ([...renewalLines, line('CONTINUING_UPDATE', '2011-03-31', 5)], '2016-01-10', [cert]);
    expect(p.units).toBe(20);
  });

  it('renewal grace period: after expiry, renewal is still possible (and units still count) within the grace days', () => {
    const short = renewalLines.slice(0, 3).concat(line('CONTINUING_UPDATE', '2015-05-01', 16));
    // expired on 2016-03-31; the 20th unit earned in the grace period
    const p = occ([...short, line('CONTINUING_PRACTICAL', '2016-09-01', 1)], '2016-10-01', [cert]);
    expect(p).toMatchObject({
      kind: 'RENEWAL',
      inGrace: true,
      graceUntil: '2017-03-31',
      units: 20,
      eligible: true,
    });
    // past the grace period: no longer a renewal — a new certification is needed
    const late = occ(renewalLines, '2017-04-01', [cert]);
    expect(late.kind).toBe('NEW');
    expect(late.eligible).toBe(false);
    // asking for the renewal explicitly past the grace period: not eligible
    const forced = evaluate({
      programCode: 'OCCUPATIONAL',
      asOf: '2017-04-01',
      kind: 'RENEWAL',
      rules: DEFAULTS,
      lines: renewalLines,
      certificates: [cert],
    });
    expect(forced.eligible).toBe(false);
  });

  it('renewal without a certificate to renew is not eligible', () => {
    const p = evaluate({
      programCode: 'OCCUPATIONAL',
      asOf: '2016-01-10',
      kind: 'RENEWAL',
      rules: DEFAULTS,
      lines: renewalLines,
      certificates: [],
    });
    expect(req(p, 'CERTIFICATE:OCCUPATIONAL')).toMatchObject({ met: false });
    expect(p.eligible).toBe(false);
  });
});

describe('rule versions with effective dates', () => {
  const v1 = DEFAULTS.find((r) => r.programCode === 'OCCUPATIONAL' && r.kind === 'RENEWAL')!;
  // from 2015-10-01, online practical sessions count as practical (a COVID-era style exception)
  const v2: RuleVersion = {
    ...v1,
    id: 'v2',
    effectiveFrom: '2015-10-01',
    params: {
      ...v1.params,
      categoryOf: { ...v1.params.categoryOf, ONLINE_PRACTICAL: 'PRACTICAL' },
    },
  };
  const cert = { id: 'c1', programCode: 'OCCUPATIONAL', validFrom: '2011-04-01', validTo: '2016-03-31' };
  const lines = [line('CONTINUING_UPDATE', '2012-05-01', 10), line('CONTINUING_SPECIALIST', '2013-05-01', 9)];

  it('a rule change effective mid-window applies only from its date', () => {
    const before = evaluate({
      programCode: 'OCCUPATIONAL',
      asOf: '2016-01-10',
      rules: [v1, v2],
      certificates: [cert],
      lines: [...lines, line('ONLINE_PRACTICAL', '2015-09-30', 1)],
    });
    expect(before.units).toBe(19);
    expect(before.eligible).toBe(false);
    const after = evaluate({
      programCode: 'OCCUPATIONAL',
      asOf: '2016-01-10',
      rules: [v1, v2],
      certificates: [cert],
      lines: [...lines, line('ONLINE_PRACTICAL', '2015-10-01', 1)],
    });
    expect(after.units).toBe(20);
    expect(after.eligible).toBe(true);
    expect(after.rule?.id).toBe('v2');
  });

  it('thresholds come from the version in force on the evaluation date; an ended version falls back', () => {
    const cme = DEFAULTS.find((r) => r.programCode === 'CME')!;
    const temporary: RuleVersion = {
      ...cme,
      id: 'tmp',
      effectiveFrom: '2015-04-01',
      effectiveTo: '2018-03-31',
      params: { ...cme.params, minTotal: 40 },
    };
    const lines40 = Array.from({ length: 20 }, (_, i) => line(String(i + 1), '2015-06-01', 1));
    const during = evaluate({
      programCode: 'CME',
      asOf: '2016-01-10',
      rules: [cme, temporary],
      lines: lines40,
      certificates: [],
    });
    expect(during).toMatchObject({ total: 40, eligible: true });
    expect(during.rule?.id).toBe('tmp');
    const afterwards = evaluate({
      programCode: 'CME',
      asOf: '2018-04-01',
      rules: [cme, temporary],
      lines: lines40,
      certificates: [],
    });
    expect(afterwards.rule?.id).toBe(cme.id);
    expect(afterwards.eligible).toBe(false);
  });
});

describe('other programs', () => {
  it('family-doctor training: needs a valid CME certificate, 10 applied units and 2 local activities', () => {
    const lines = [
      line('APPLIED', '2015-06-01', 10),
      line('PRACTICAL_ACTIVITY', '2015-07-01', 1),
      line('PRACTICAL_ACTIVITY', '2015-08-01', 1),
    ];
    const without = evaluate({
      programCode: 'FAMILY_DOCTOR',
      asOf: '2016-01-10',
      rules: DEFAULTS,
      lines,
      certificates: [],
    });
    expect(req(without, 'CERTIFICATE:CME')).toMatchObject({ met: false });
    expect(without.eligible).toBe(false);
    const withCme = evaluate({
      programCode: 'FAMILY_DOCTOR',
      asOf: '2016-01-10',
      rules: DEFAULTS,
      lines,
      certificates: [{ id: 'x', programCode: 'CME', validFrom: '2014-04-01', validTo: '2017-03-31' }],
    });
    expect(withCme.eligible).toBe(true);
  });

  it('family-doctor renewal has a rule: the training within the certificate period renews it', () => {
    const fd = { id: 'fd', programCode: 'FAMILY_DOCTOR', validFrom: '2014-04-01', validTo: '2017-03-31' };
    const cme = { id: 'cme', programCode: 'CME', validFrom: '2015-04-01', validTo: '2018-03-31' };
    const lines = [
      line('APPLIED', '2013-06-01', 10), // before the certificate period: does not count
      line('APPLIED', '2015-06-01', 6),
      line('PRACTICAL_ACTIVITY', '2015-07-01', 1),
      line('PRACTICAL_ACTIVITY', '2015-08-01', 1),
    ];
    const short = evaluate({
      programCode: 'FAMILY_DOCTOR',
      asOf: '2016-01-10',
      rules: DEFAULTS,
      lines,
      certificates: [fd, cme],
    });
    expect(short.kind).toBe('RENEWAL');
    expect(short.rule).not.toBeNull();
    expect(short).toMatchObject({ windowFrom: '2014-04-01', deadline: '2017-03-31', eligible: false });
    expect(req(short, 'CATEGORY:APPLIED')).toMatchObject({ required: 10, achieved: 6, met: false });
    const enough = evaluate({
      programCode: 'FAMILY_DOCTOR',
      asOf: '2016-01-10',
      rules: DEFAULTS,
      lines: [...lines, line('APPLIED', '2015-09-01', 4)],
      certificates: [fd, cme],
    });
    expect(enough.eligible).toBe(true);
    // without a valid CME certificate (basic training) it is not renewed
    const noCme = evaluate({
      programCode: 'FAMILY_DOCTOR',
      asOf: '2016-01-10',
      rules: DEFAULTS,
      lines: [...lines, line('APPLIED', '2015-09-01', 4)],
      certificates: [fd],
    });
    expect(req(noCme, 'CERTIFICATE:CME')).toMatchObject({ met: false });
    expect(noCme.eligible).toBe(false);
  });

  it('every JMA programme of 別表1 ships a NEW rule, and each certificate that expires a RENEWAL rule', () => {
    const has = (program: string, kind: string) =>
      SHIPPED_RULES.some((r) => r.programCode === program && r.kind === kind);
    for (const program of ['CME', 'OCCUPATIONAL', 'SPORTS', 'FAMILY_DOCTOR'])
      expect([program, has(program, 'NEW')]).toEqual([program, true]);
    for (const program of ['OCCUPATIONAL', 'SPORTS', 'FAMILY_DOCTOR'])
      expect([program, has(program, 'RENEWAL')]).toEqual([program, true]);
  });

  it('health-sports physician: the initial course needs all 25 subjects', () => {
    const lines = Array.from({ length: 24 }, (_, i) =>
      line(`COURSE_${String(i + 1).padStart(2, '0')}`, '2015-06-01', 1),
    );
    const p = evaluate({
      programCode: 'SPORTS',
      asOf: '2016-01-10',
      rules: DEFAULTS,
      lines: [...lines, line('COURSE_01', '2015-07-01', 1)],
      certificates: [],
    });
    expect(req(p, 'DISTINCT_CODES')).toMatchObject({ required: 25, achieved: 24, missing: 1 });
    expect(p.eligible).toBe(false);
  });

  it("an association's own program has no certification rule: totals only, never eligible", () => {
    const p = evaluate({
      programCode: 'OWN',
      asOf: '2016-01-10',
      rules: DEFAULTS,
      lines: [line('any', '2015-06-01', 2)],
      certificates: [],
    });
    expect(p).toMatchObject({ rule: null, units: 2, eligible: false, requirements: [] });
  });

  it('the shipped defaults are valid rule parameters', () => {
    for (const r of SHIPPED_RULES)
      expect([r.programCode, ruleParamProblems(r.params)]).toEqual([r.programCode, []]);
  });
});
