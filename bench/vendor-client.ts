// How much the vendor clients cost over bare HTTP: for each vendor row, the
// adapter's requests/s against the vendor simulator beside bare undici on the
// same route (same run, same concurrency), and the signing cost per request.
// Goals: ratio ≥ 0.9, signing ≤ 20 µs. Not part of the test suite.
//   node bench/vendor-client.ts [requests=2000] [concurrency=8] [rounds=5]
// Add a vendor: write bench/rows/<vendor>.ts returning a VendorRow, list it in ROWS.
import { printTable, type RowResult, type RunOptions, runRow, type VendorRow } from './row-runner.ts';
import { aliyunCccRow } from './rows/aliyun-ccc.ts';

const options: RunOptions = {
  requests: Number(process.argv[2] ?? 2000),
  concurrency: Number(process.argv[3] ?? 8),
  rounds: Number(process.argv[4] ?? 5),
  signIterations: 50_000,
};

const ROWS: Array<(o: RunOptions) => Promise<VendorRow>> = [aliyunCccRow('worker'), aliyunCccRow('in-process')];

const results: RowResult[] = [];
for (const make of ROWS) {
  const row = await make(options);
  try {
    results.push(await runRow(row, options));
  } finally {
    await row.close();
  }
}
printTable(results, options);
