// The stateless stream of issue 14 in json-rules-engine 7.3.1, written as its README shows: one
// engine, four rules, `engine.run(facts)` per patient-day. Same LCG as LabDays.cs: s = (s·1103515245 +
// 12345) mod 2^31 from s = 12345, u = s / 2^31 after each step; platelets = floor(10 + u·250), then
// ANC = round-half-up((0.2 + u'·4)·10) / 10 (exact: 10·ANC before rounding is 2 + 5s/2^28).
// Run: npm ci && node stream.mjs [days]   (default 200,000; expects 28,513 hold decisions)
import { Engine } from 'json-rules-engine';

const days = Number(process.argv[2] ?? 200000);
let s = 12345n;
const next = () => { s = (s * 1103515245n + 12345n) % 2147483648n; return Number(s); };
const stream = [];
for (let i = 0; i < days; i++) {
  const platelets = Math.floor(10 + (125 * next()) / 2 ** 30);
  const anc = Math.floor(2 + (5 * next()) / 2 ** 28 + 0.5) / 10;
  stream.push({ platelets, anc });
}

const engine = new Engine();
const rule = (name, fact, value, type) =>
  engine.addRule({ name, conditions: { all: [{ fact, operator: 'lessThan', value }] }, event: { type } });
rule('hold-platelets', 'platelets', 30, 'hold');
rule('hold-anc', 'anc', 0.5, 'hold');
rule('delay-anc', 'anc', 1.0, 'delay');
rule('delay-platelets', 'platelets', 75, 'delay');

const started = process.hrtime.bigint();
let holds = 0;
for (const facts of stream) {
  const { events } = await engine.run(facts);
  for (const e of events) if (e.type === 'hold') holds++;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`json-rules-engine 7.3.1: ${days} patient-days, ${holds} hold decisions, ${seconds.toFixed(2)} s, ${Math.round((4 * days) / seconds).toLocaleString('en-US')} decisions/s`);
if (days === 200000 && holds !== 28513) { console.error('expected 28,513 hold decisions'); process.exit(1); }
