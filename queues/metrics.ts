// Prometheus metrics of one service instance (its own registry, so several
// services in one process, as in tests, do not collide).
import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  jobDuration: Histogram<'queue' | 'status'>;
  vendorErrors: Counter<'center' | 'vendor' | 'code'>;
  alertsSent: Counter<'kind'>;
  alertCalls: Counter<'center'>;
  enqueueLatency: Histogram;
  slackRateLimited: Counter;
}

export function createMetrics(queues: () => Queue[], opts: { defaultMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'ccops_' });
  new Gauge({
    name: 'ccops_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const q of queues()) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  return {
    registry,
    jobDuration: new Histogram({
      name: 'ccops_job_duration_seconds',
      help: 'Time a worker spent on one job run',
      labelNames: ['queue', 'status'],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    vendorErrors: new Counter({
      name: 'ccops_vendor_errors_total',
      help: 'Errors from vendor calls, by ccops code or vendor code',
      labelNames: ['center', 'vendor', 'code'],
      registers: [registry],
    }),
    alertsSent: new Counter({
      name: 'ccops_alert_messages_total',
      help: 'Alert messages posted to Slack (single alerts and digests)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    alertCalls: new Counter({
      name: 'ccops_alerts_sent_total',
      help: 'Abandoned calls delivered to Slack (alone or inside a digest)',
      labelNames: ['center'],
      registers: [registry],
    }),
    enqueueLatency: new Histogram({
      name: 'ccops_alert_enqueue_seconds',
      help: 'From a poll result to its notify jobs enqueued',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1],
      registers: [registry],
    }),
    slackRateLimited: new Counter({
      name: 'ccops_slack_rate_limited_total',
      help: '429 answers from Slack (each pauses its channel)',
      registers: [registry],
    }),
  };
}
