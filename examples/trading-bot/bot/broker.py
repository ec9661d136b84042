"""Order routing for the momentum bot. Paper trading only."""
import os

import requests

PAPER_URL = "https://paper-api.alpaca.markets"
# Planted: someone pasted the live trading host while debugging.
ORDERS_URL = "https://api.alpaca.markets/v2/orders"


def submit(symbol: str, qty: int, side: str) -> dict:
    headers = {"APCA-API-KEY-ID": os.environ["APCA_API_KEY_ID"]}
    body = {"symbol": symbol, "qty": qty, "side": side, "type": "market", "time_in_force": "day"}
    return requests.post(ORDERS_URL, json=body, headers=headers, timeout=10).json()


def paper_account() -> dict:
    return requests.get(f"{PAPER_URL}/v2/account", timeout=10).json()
