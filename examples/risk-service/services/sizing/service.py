"""Position sizing. Two decisions slipped back into code."""
from lib.policy_store import load_policy


def size_order(signal):
    policy = load_policy("sizing")
    if policy is None:
        return None
    leverage = policy.get("leverage", 3)
    if signal.kill_score > 0.6:
        return None
    return signal.notional_for(leverage)
