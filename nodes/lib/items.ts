// Output items: the core's domain objects as they are, plus what n8n needs to
// use them. n8n's expression sandbox refuses the property names `caller` and
// `callee` (`$json.caller` fails "due to security concerns"), so call records
// also carry them as `callerNumber` / `calleeNumber`.
import type { IDataObject } from 'n8n-workflow';

export function toItemJson(value: object): IDataObject {
  const json = { ...(value as IDataObject) };
  if (typeof json.caller === 'string') json.callerNumber = json.caller;
  if (typeof json.callee === 'string') json.calleeNumber = json.callee;
  return json;
}
