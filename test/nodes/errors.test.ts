// The core's coded errors at the n8n boundary: which n8n error class, and what
// a user sees (vendor code, request id, what to do).
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { AliyunAiccsApi } from '../../nodes/credentials/AliyunAiccsApi.credentials.ts';
import { AliyunAiccs } from '../../nodes/nodes/AliyunAiccs/AliyunAiccs.node.ts';
import { errorDetails, toNodeError } from '../../nodes/lib/errors.ts';
import { InvalidInput, TransportError, UnsupportedOperation, VendorError } from '../../shared/errors.ts';
import { freePort } from '../n8n-e2e/n8n.ts';
import { Harness } from './harness.ts';

const node: INode = { id: '1', name: 'CC', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

describe('toNodeError', () => {
  it('VendorError -> NodeApiError with the sentence, vendor code, request id and HTTP status', () => {
    const e = toNodeError(
      node,
      new VendorError({ vendor: 'aliyun-ccc', vendorCode: 'Throttling.User', message: 'Alibaba Cloud is throttling; try again in a minute.', requestId: 'REQ-1', httpStatus: 400, retryable: true, vendorMessage: 'denied' }),
      3,
    );
    expect(e).toBeInstanceOf(NodeApiError);
    expect(e.message).toBe('Alibaba Cloud is throttling; try again in a minute.');
    expect(e.description).toBe('aliyun-ccc error Throttling.User; request id REQ-1; vendor message: denied');
    expect((e as NodeApiError).httpCode).toBe('400');
    expect(e.context.itemIndex).toBe(3);
  });

  it('TransportError -> NodeApiError saying whether the request may have reached the vendor', () => {
    const sent = toNodeError(node, new TransportError('Network error: no answer in time (UND_ERR_HEADERS_TIMEOUT).', 'UND_ERR_HEADERS_TIMEOUT', true));
    expect(sent).toBeInstanceOf(NodeApiError);
    expect(sent.description).toMatch(/may have reached the vendor/);
    const notSent = toNodeError(node, new TransportError('refused', 'ECONNREFUSED', false));
    expect(notSent.description).toMatch(/did not reach the vendor/);
  });

  it('InvalidInput and UnsupportedOperation -> NodeOperationError with the core sentence', () => {
    const bad = toNodeError(node, new InvalidInput('Invalid input: from: expected a date', [{ path: 'from', message: 'expected a date' }]), 0);
    expect(bad).toBeInstanceOf(NodeOperationError);
    expect(bad.description).toBe('from: expected a date');
    const unsupported = toNodeError(node, new UnsupportedOperation('tencent-tccc', 'startConference', 'TCCC has no conference.'));
    expect(unsupported).toBeInstanceOf(NodeOperationError);
    expect(unsupported.message).toBe('TCCC has no conference.');
  });

  it('keeps n8n errors as they are and wraps the unexpected', () => {
    const n8nError = new NodeOperationError(node, 'x');
    expect(toNodeError(node, n8nError)).toBe(n8nError);
    expect(toNodeError(node, new Error('boom')).message).toBe('Unexpected error: boom');
  });

  it('errorDetails lists what a Continue On Fail item carries, never secrets', () => {
    expect(errorDetails(new VendorError({ vendor: 'v', vendorCode: 'C', message: 'm', requestId: 'R', retryable: false }))).toEqual({
      code: 'ccops_vendor_error',
      vendor: 'v',
      vendorCode: 'C',
      requestId: 'R',
      retryable: false,
    });
  });
});

describe('a vendor that cannot be reached', () => {
  it('is a NodeApiError saying the request did not reach it', async () => {
    const port = await freePort();
    const h = new Harness({
      credentials: {
        aliyunAiccsApi: {
          type: new AliyunAiccsApi(),
          data: { accessKeyId: 'id', accessKeySecret: 's', securityToken: '', region: '', endpoint: `http://127.0.0.1:${port}`, instanceId: 'i', signatureVersion: 'v3', timeZone: 'Asia/Shanghai' },
        },
      },
      parameters: { resource: 'agent', operation: 'getStatus', agentId: 'a@example.com' },
    });
    const error = (await new AliyunAiccs().execute.call(h.execute()).catch((e: unknown) => e)) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.description).toMatch(/did not reach the vendor/);
  });
});
