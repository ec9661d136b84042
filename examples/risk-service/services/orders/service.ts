// Order routing: takes the size from the sizing service, never decides it.
import { loadPolicy } from '../../lib/policy_store';

export function route(order: { size: number }, stop_loss = 0.02) {
  const policy = loadPolicy('orders');
  return { ...order, stop: stop_loss, venue: policy.venue };
}
