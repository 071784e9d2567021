// How much the vendor clients cost over bare HTTP: for each vendor, the
// adapter's calls/s against the vendor's simulator beside bare undici on the
// same route (same run, same concurrency), and the signing cost per request.
// Goals (issue 2): adapter / bare undici ≥ 0.9, signing ≤ 20 µs a request.
// The method is in row-runner.ts; the table's notes say what each row does.
// Not part of the test suite.
//
//   node bench/vendor-client.ts [calls=1500] [concurrency=8] [rounds=7] [--only=aliyun-ccc,huawei-aicc] [--in-process]
//
// About a minute on 2 CPUs (7 rounds x 3 paths x 1500 calls per row); more,
// shorter rounds keep the medians steadier on a shared machine than fewer long ones.
//
// --in-process adds an aliyun-ccc row with the simulator on the measuring
// thread (the strictest view: client and server share one core).
// Add a vendor: write bench/rows/<vendor>.ts returning a VendorRow, list it in ROWS.
import { machineLoad, printTable, type RowResult, type RunOptions, runRow, type VendorRow } from './row-runner.ts';
import { aliyunAiccsRow } from './rows/aliyun-aiccs.ts';
import { aliyunCccRow } from './rows/aliyun-ccc.ts';
import { huaweiAiccRow } from './rows/huawei-aicc.ts';
import { tencentTcccRow } from './rows/tencent-tccc.ts';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const numbers = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const positive = (value: string | undefined, fallback: number, name: string): number => {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n <= 0) throw new TypeError(`${name} must be a positive whole number, got "${value}"`);
  return n;
};
const options: RunOptions = {
  requests: positive(numbers[0], 1500, 'calls'),
  concurrency: positive(numbers[1], 8, 'concurrency'),
  rounds: positive(numbers[2], 7, 'rounds'),
  signIterations: 50_000,
};
const only = flags.find((f) => f.startsWith('--only='))?.slice('--only='.length).split(',');

const ROWS: Array<[string, (o: RunOptions) => Promise<VendorRow>]> = [
  ['aliyun-ccc', aliyunCccRow('worker')],
  ['aliyun-aiccs', aliyunAiccsRow()],
  ['tencent-tccc', tencentTcccRow()],
  ['huawei-aicc', huaweiAiccRow()],
];
if (flags.includes('--in-process')) ROWS.push(['aliyun-ccc', aliyunCccRow('in-process')]);

const started = process.hrtime.bigint();
const before = machineLoad();
const results: RowResult[] = [];
for (const [vendor, make] of ROWS) {
  if (only && !only.includes(vendor)) continue;
  const row = await make(options);
  try {
    results.push(await runRow(row, options));
  } finally {
    await row.close();
  }
}
printTable(results, options, { before, after: machineLoad(), seconds: Number(process.hrtime.bigint() - started) / 1e9 });
