from ib_insync import IB

ib = IB()


def connect() -> None:
    # Planted: 7496 is TWS's live-account port (paper is 7497).
    ib.connect("127.0.0.1", 7496, clientId=7)
