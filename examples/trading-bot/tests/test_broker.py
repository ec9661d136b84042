from bot import broker


def test_paper_url_is_default():
    assert broker.PAPER_URL != "https://api.alpaca.markets"
