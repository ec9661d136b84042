"""Replays recorded fills; the URL below is only a label in the recordings."""
SOURCE = "https://api.tradier.com/v1/accounts"  # paperguard-allow: live-trading-endpoint label in recorded fixtures, never requested
