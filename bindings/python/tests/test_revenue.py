"""poura.Revenue: the revenue section's whole flow from a fresh office
(holdings added and imported, a bill run with its progress, a mobile-money
payment whose signed receipt poura.verify accepts, a settlement file, the
ledger check, the reports as rows, CSV and SVG), records kept by hand
(mutation, assessment, objection and review, a water connection, a trade
licence), and the refusals as the package's exception classes."""

import datetime
import decimal
import threading

import pytest

import poura
from conftest import SOURCE_DIR

pytestmark = pytest.mark.skipif(not hasattr(poura, "Revenue"), reason="the core was built without the office")

# 2026-01-10 09:00 UTC: inside the sample schedules' fiscal year 2025-26.
NOW = 1768035600
MUNICIPALITY = {"code": "kaliganj", "name_bn": "কালীগঞ্জ পৌরসভা", "name_en": "Kaliganj Pourashava",
                "body_class": "B", "wards": 9, "download_url": "https://kaliganj.example/c"}


def holding(number="03-011-0009-00", ward=3, **extra):
    """Rent Tk 10,000 a month: annual value Tk 1,00,000 after two months'
    repairs, 22.5% of it in rates, Tk 22,500 a year in four instalments."""
    return {"number": number, "ward": ward, "mohalla": "মধ্যপাড়া", "use": "residential", "occupancy": "rented",
            "monthly_rent": 10000,
            "owners": [{"name_bn": "রহিম উদ্দিন", "name_en": "Rahim Uddin", "mobile": "01712345678"}], **extra}


REGISTER = (
    "number,ward,mohalla,use,occupancy,monthly_rent,owner_name_bn,owner_mobile,share\n"
    "05-002-0001-00,5,পূর্বপাড়া,residential,rented,8000,করিম মিয়া,01812345678,1\n"
    '05-002-0002-00,5,পূর্বপাড়া,commercial,owner_occupied,"12,000",সালমা বেগম;জসিম উদ্দিন,01912345678;,1/2;1/2\n'
)


class Section:
    def __init__(self, directory):
        self.office = poura.Office.create(directory / "office.db", municipality=MUNICIPALITY,
                                          schedules=[SOURCE_DIR / "examples" / "schedules"], now=NOW)
        self.keyset = poura.Keyset.create(now=NOW - 400 * 86400)
        self.office.set_keyset(self.keyset)
        self.secretary = self.office.add_user(login="secretary", name="Secretary", role="secretary")["id"]
        self.councilor = self.office.add_user(login="karim", name="Karim", role="councilor", ward=3)["id"]
        self.revenue = poura.Revenue(self.office)

    def trust(self):
        bundle = poura.TrustBundle(sequence=1, issued_at=NOW - 3600, next_update=NOW + 30 * 86400,
                                   issuers=poura.issuer_entries(self.keyset.public_json(), issuer_code="kaliganj",
                                                                name_bn="কালীগঞ্জ পৌরসভা",
                                                                name_en="Kaliganj Pourashava",
                                                                document_types=["receipt", "trade_licence"]))
        root = poura.PrivateKey.generate()
        return poura.Trust.from_bundle(bundle.sign(root), roots=[root.public_key])

    def outstanding(self, service, account):
        return sum(d["outstanding_poisha"] for d in self.revenue.demands(service, account))

    def ledger_balances(self):
        ledger = self.revenue.check_ledger()
        assert ledger["ok"], ledger["problems"]
        assert (ledger["demand_poisha"] - ledger["collection_poisha"] + ledger["adjustments_poisha"]
                == ledger["outstanding_poisha"])
        return ledger


@pytest.fixture
def section(tmp_path):
    return Section(tmp_path)


def test_the_year_from_a_fresh_office(section):
    revenue = section.revenue
    added = revenue.add_holding(section.secretary, holding())
    assert added["number"] == "03-011-0009-00" and added["monthly_rent_poisha"] == 1_000_000
    assert revenue.holding("০৩-০১১-০০০৯-০০")["owners"][0]["name_en"] == "Rahim Uddin"
    assert revenue.import_register(section.secretary, "holdings", REGISTER) == 2
    assert [h["number"] for h in revenue.holdings(ward=5)] == ["05-002-0001-00", "05-002-0002-00"]
    assert len(revenue.holdings()) == 3

    seen = []
    summary = revenue.run_bills(section.secretary, "holding_tax", "2025-26",
                                progress=lambda done, total: seen.append((done, total)))
    assert summary["accounts"] == 3 and summary["billed"] == 3 and summary["run"] > 0
    assert seen and seen[-1] == (3, 3)
    again = revenue.run_bills(section.secretary, "holding_tax", "2025-26", ward=3)
    assert again["billed"] == 0 and again["already_billed"] == 1

    [demand] = revenue.demands("holding_tax", "03-011-0009-00")
    assert demand["total_poisha"] == 2_250_000 and demand["period"] == "2025-2026"
    assert [d["amount_poisha"] for d in demand["dues"]] == [562_500] * 4
    assert demand["dues"][0]["due"] == "2025-09-30"
    assert any(line["code"] == "lighting" for line in demand["bill"]["lines"])

    # A bKash payment: the oldest instalments first; the receipt verifies.
    paid = revenue.pay(section.secretary, {"service": "holding_tax", "account": "03-011-0009-00",
                                           "amount": decimal.Decimal("7000.00"), "paid_on": datetime.date(2026, 1, 8),
                                           "method": "bkash", "reference": "BK8X2Q91"})
    assert not paid["duplicate"]
    assert [a["amount_poisha"] for a in paid["allocations"]] == [562_500, 137_500]
    result = poura.verify(paid["receipt_qr"], section.trust(), now=NOW + 60)
    assert result.valid, result.message_en
    assert result.document["amount_poisha"] == 700_000 and result.document["reference"] == "03-011-0009-00"
    assert section.outstanding("holding_tax", "03-011-0009-00") == 2_250_000 - 700_000
    twice = revenue.pay(section.secretary, {"service": "holding_tax", "account": "03-011-0009-00", "amount": "7,000",
                                            "paid_on": "2026-01-08", "method": "bkash", "reference": "BK8X2Q91"})
    assert twice["duplicate"] and twice["receipt_serial"] == paid["receipt_serial"]
    assert len(revenue.payments("holding_tax", "03-011-0009-00")) == 1
    assert section.office.outbox(status="queued")[-1]["event"] == "payment"

    # A settlement file: recorded, unmatched, then duplicates when sent again.
    settlement = ("reference,service,account,amount,paid_on\n"
                  'NG1,holding_tax,05-002-0001-00,"1,000.00",2026-01-03\n'
                  "NG2,holding_tax,09-999-0001-00,500,2026-01-03\n")
    rows_done = []
    report = revenue.import_payments(section.secretary, "nagad", settlement, file_name="nagad-2026-01-03.csv",
                                     progress=lambda done, total: rows_done.append(done))
    assert (report["rows"], report["recorded"], report["unmatched"], report["duplicates"]) == (2, 1, 1, 0)
    assert report["amount_poisha"] == 100_000 and "row 3" in report["unmatched_sample"][0]
    assert rows_done[-1] == 2
    again = revenue.import_payments(section.secretary, "nagad", settlement)
    assert (again["recorded"], again["duplicates"]) == (0, 1)

    ledger = section.ledger_balances()
    assert ledger["payments"] == 2 and ledger["collection_poisha"] == 800_000

    # Reports as rows, CSV and SVG.
    collection = revenue.report("collection", period="2025-26")
    assert [(r["ward"], r["month"], r["amount_poisha"]) for r in collection] == [(3, "2026-01", 700_000),
                                                                                 (5, "2026-01", 100_000)]
    demand_rows = revenue.report("demand", service="holding_tax")
    assert [r["ward"] for r in demand_rows] == [3, 5]
    defaulters = revenue.report("defaulters")
    assert {r["account"] for r in defaulters} == {"03-011-0009-00", "05-002-0001-00", "05-002-0002-00"}
    csv = poura.Revenue.report_csv(demand_rows)
    assert csv.startswith("accounts,adjustments_poisha,collection_poisha") and csv.count("\n") == 3
    svg = poura.Revenue.report_svg(collection, label="month", value="amount_poisha", title="Collection by month")
    assert svg.startswith("<svg") and "Tk 8,000.00" in svg and "Collection by month" in svg
    with pytest.raises(poura.InvalidArgumentError):
        poura.Revenue.report_svg(collection, label="month", value="no_such_column")


def test_records_kept_by_hand(section):
    revenue = section.revenue
    revenue.add_holding(section.secretary, holding())
    updated = revenue.update_holding(section.secretary, {"number": "03-011-0009-00", "ward": 3,
                                                         "mohalla": "উত্তরপাড়া", "monthly_rent": "12,000.00"})
    assert updated["mohalla"] == "উত্তরপাড়া" and updated["monthly_rent_poisha"] == 1_200_000
    assert len(updated["owners"]) == 1

    heir = revenue.mutate(section.secretary, "03-011-0009-00",
                          [{"name_bn": "সালমা বেগম", "mobile": "01912345678", "share": "1"}],
                          effective=datetime.date(2025, 8, 1), note="inheritance")
    assert [o["name_bn"] for o in heir["owners"]] == ["সালমা বেগম"]

    general = revenue.assess(section.secretary, "03-011-0009-00", {"effective": "2025-07-01", "annual_value": 120000})
    assert general["kind"] == "general" and general["annual_value_poisha"] == 12_000_000
    assert revenue.object(section.secretary, "03-011-0009-00", "the rent is lower")["status"] == "objected"
    with pytest.raises(poura.InvalidStateError):
        revenue.object(section.secretary, "03-011-0009-00", "again")
    reviewed = revenue.review(section.secretary, "03-011-0009-00", "90,000", "board, 2026-01-09")
    assert reviewed["kind"] == "review" and reviewed["annual_value_poisha"] == 9_000_000
    assert [a["status"] for a in revenue.assessments("03-011-0009-00")] == ["superseded", "in_force"]

    revenue.add_connection(section.secretary, {"number": "W-0002", "holding": "03-011-0009-00", "diameter": "1/2",
                                               "metered": True, "meter_no": "M-77", "connected_on": "2024-01-01"})
    revenue.record_reading(section.secretary, "W-0002", "2025-06", 100_000)
    revenue.record_reading(section.secretary, "W-0002", "2025-07", 112_000)
    with pytest.raises(poura.InvalidArgumentError, match="backwards"):
        revenue.record_reading(section.secretary, "W-0002", "2025-08", 90_000)
    assert revenue.connection("W-0002")["meter_no"] == "M-77"
    assert revenue.run_bills(section.secretary, "water", "2025-07")["billed"] == 1

    licence = revenue.issue_licence(section.secretary, {
        "business_name_bn": "মায়ের দোয়া স্টোর", "business_name_en": "Mayer Doa Store",
        "owner_name_bn": "রহিম উদ্দিন", "owner_name_en": "Rahim Uddin", "owner_nid": "1990101234567",
        "mobile": "01712345678", "holding": "03-011-0009-00", "ward": 3, "address_bn": "মধ্যপাড়া, কালীগঞ্জ",
        "category": "grocery"}, years=1, on="2025-08-01")
    assert licence["status"] == "pending"
    fee = section.outstanding("trade_licence", licence["number"])
    revenue.pay(section.secretary, {"service": "trade_licence", "account": licence["number"],
                                    "amount": decimal.Decimal(fee) / 100, "paid_on": "2025-08-02"})
    active = revenue.licence(licence["number"])
    assert active["status"] == "active"
    result = poura.verify(active["qr_text"], section.trust(), now=NOW + 60)
    assert result.valid and result.document["licence_no"] == licence["number"]
    revenue.renew_licence(section.secretary, licence["number"], years=1, on="2026-01-05")
    assert len(revenue.demands("trade_licence", licence["number"])) == 2
    gone = revenue.surrender_licence(section.secretary, licence["number"], "business closed")
    assert gone["status"] == "surrendered"
    section.ledger_balances()


def test_refusals_raise_the_package_exceptions(section):
    revenue = section.revenue
    with pytest.raises(poura.PermissionDeniedError) as denied:
        revenue.add_holding(section.councilor, holding())
    assert denied.value.code == "permission_denied" and denied.value.status == -10
    with pytest.raises(poura.InvalidArgumentError, match="colour"):
        revenue.add_holding(section.secretary, holding(colour="red"))
    with pytest.raises(poura.InvalidArgumentError):
        revenue.add_holding(section.secretary, [holding()])
    with pytest.raises(TypeError):
        revenue.add_holding(section.secretary, {"number": object()})
    revenue.add_holding(section.secretary, holding())
    with pytest.raises(poura.ConflictError):
        revenue.add_holding(section.secretary, holding())
    with pytest.raises(poura.NotFoundError):
        revenue.holding("09-999-9999-00")
    with pytest.raises(poura.InvalidArgumentError, match="revised_value"):
        revenue.review(section.secretary, "03-011-0009-00", "a lot", "board")

    with pytest.raises(poura.InvalidArgumentError, match="'holding' is not"):
        revenue.run_bills(section.secretary, "holding", "2025-26")
    with pytest.raises(poura.NotInScheduleError):
        revenue.run_bills(section.secretary, "holding_tax", "2019-20")
    with pytest.raises(poura.PermissionDeniedError):
        revenue.run_bills(section.councilor, "holding_tax", "2025-26")
    with pytest.raises(poura.InvalidArgumentError, match="rent"):
        revenue.pay(section.secretary, {"service": "rent", "account": "03-011-0009-00", "amount": 10,
                                        "paid_on": "2026-01-08"})
    with pytest.raises(poura.InvalidArgumentError, match="electricity"):
        revenue.demands("electricity", "03-011-0009-00")
    with pytest.raises(poura.InvalidArgumentError, match="everything"):
        revenue.report("everything")
    with pytest.raises(poura.InvalidArgumentError):
        poura.Revenue.report_csv({"not": "rows"})

    # A register with one bad row goes in not at all.
    with pytest.raises(poura.MalformedInputError, match="line 3: ward"):
        revenue.import_register(section.secretary, "holdings",
                                "number,ward,use,owner_name_bn\n"
                                "05-002-0050-00,5,residential,করিম মিয়া\n"
                                "05-002-0051-00,22,residential,করিম মিয়া\n")
    with pytest.raises(poura.NotFoundError):
        revenue.holding("05-002-0050-00")
    with pytest.raises(poura.MalformedInputError, match="row 2, amount"):
        revenue.import_payments(section.secretary, "bkash",
                                "reference,service,account,amount,paid_on\n"
                                'TX1,holding_tax,03-011-0009-00,"1,0,0,0,0",2026-01-03\n')
    section.ledger_balances()


def test_a_raising_progress_callback_stops_the_run(section):
    revenue = section.revenue
    revenue.add_holding(section.secretary, holding())

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        revenue.run_bills(section.secretary, "holding_tax", "2025-26", progress=stop)
    # Nothing was billed; the run goes through when run again.
    assert revenue.demands("holding_tax", "03-011-0009-00") == []
    assert revenue.run_bills(section.secretary, "holding_tax", "2025-26")["billed"] == 1

    # A settlement file keeps the batch recorded before the callback raised;
    # imported again, it records nothing twice.
    settlement = "reference,service,account,amount,paid_on\nTX1,holding_tax,03-011-0009-00,500,2026-01-03\n"
    def enough(done, total):
        raise ValueError("enough")

    with pytest.raises(ValueError, match="enough"):
        revenue.import_payments(section.secretary, "bkash", settlement, progress=enough)
    assert len(revenue.payments("holding_tax", "03-011-0009-00")) == 1
    assert revenue.import_payments(section.secretary, "bkash", settlement)["duplicates"] == 1
    section.ledger_balances()


def test_a_progress_callback_may_not_call_its_office(section):
    revenue = section.revenue
    revenue.add_holding(section.secretary, holding())
    with pytest.raises(poura.InvalidStateError, match="progress callback"):
        revenue.run_bills(section.secretary, "holding_tax", "2025-26",
                          progress=lambda done, total: revenue.holdings())
    assert revenue.demands("holding_tax", "03-011-0009-00") == []


def test_threads_share_one_revenue(section):
    revenue = section.revenue
    revenue.add_holding(section.secretary, holding())
    revenue.run_bills(section.secretary, "holding_tax", "2025-26")
    results = []
    workers = [threading.Thread(target=lambda: results.append(revenue.check_ledger()["ok"])) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert results == [True] * 4


def test_the_revenue_keeps_its_office_alive(tmp_path):
    revenue = Section(tmp_path).revenue  # the Section and its Office go out of scope here
    assert revenue.holdings() == []
    revenue_of = poura.Revenue
    with pytest.raises(TypeError):
        revenue_of("not an office")
