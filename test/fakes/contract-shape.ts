import {
  eventContract,
  eventMethodName,
  invokeContract,
  splitChannel,
  type EventChannel,
} from '../../preload/contract.ts';

/** The member names `window.tracker` must have per namespace, sorted, derived from the contract. */
export function expectedBridgeShape(): Record<string, string[]> {
  const shape: Record<string, string[]> = {};
  for (const channel of Object.keys(invokeContract)) {
    const [ns, method] = splitChannel(channel);
    (shape[ns] ??= []).push(method);
  }
  for (const channel of Object.keys(eventContract) as EventChannel[]) {
    (shape[splitChannel(channel)[0]] ??= []).push(eventMethodName(channel));
  }
  for (const members of Object.values(shape)) members.sort();
  return shape;
}

/** The member names an exposed bridge object actually has per namespace, sorted. */
export function actualBridgeShape(bridge: object): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(bridge).map(([ns, members]) => [ns, Object.keys(members as object).sort()]),
  );
}
