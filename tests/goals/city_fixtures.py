"""Three hubs with published (and draft) evaluation documents, for the city's view of every hub's goals."""

from copy import deepcopy
from datetime import date

from goals.importer.builder import build
from goals.importer.parser import ParsedGoal, parse
from goals.models import EvaluationIndexPage
from home.hub_setup import create_hub
from home.hubs import all_hubs
from tests.goals.conftest import SAMPLE

PARSED = parse(SAMPLE)
SECRET = "下書きにしかない重点目標"

# Goals per hub and fiscal year (texts are invented; one hub's goal set for Y is evaluated in Y's document).
KONAN_2021 = ["港南：妊娠期の家庭の居場所づくり", "港南：地域の支援者との連携"]
KONAN_2022 = ["港南：出産後も安心できる支援体制", "港南：地域のネットワーク強化", "港南：父親が訪れやすい拠点"]
TSUBASA_2022_SET = ["つばさ：ひろばの利用者を増やす", "つばさ：相談しやすい雰囲気づくり"]
TSUBASA_2022 = ["つばさ：ひろばの利用者を増やす", "つばさ：相談につながる雰囲気づくりを進める"]  # reworded
TSUBASA_2023 = ["つばさ：情報を適時に届ける"]
MINATO_2021 = ["みなと：サポートシステムの会員を増やす"]


def evaluation_index(hub):
    return EvaluationIndexPage.objects.child_of(hub.site.root_page).get()


def document(hub, year, evaluated, declared, publish=True, contract_year=1):
    """An evaluation document of the hub for the year, built by the importer's builder from the sample."""
    parsed = deepcopy(PARSED)
    parsed.ward, parsed.fiscal_year, parsed.contract_year = hub.ward, year, contract_year
    parsed.period_start, parsed.period_end = date(year, 4, 1), date(year + 1, 3, 31)
    parsed.evaluated_goals = [
        ParsedGoal(number, text, ["取組"], ["成果"], ["課題"]) for number, text in enumerate(evaluated, start=1)
    ]
    parsed.next_goals = [ParsedGoal(number, text, ["取組"]) for number, text in enumerate(declared, start=1)]
    page = build(parsed, evaluation_index(hub))
    if publish:
        page.get_latest_revision().publish()
        page.refresh_from_db()
    return page


def second_hub(name="つばさ区地域子育て支援拠点 そら", ward="つばさ区", slug="tsubasa"):
    return create_hub(name=name, ward=ward, hostname=f"{slug}.localhost", slug=slug)


def build_city(home):
    """港南 (FY2021 published), つばさ (FY2021 and FY2022 published, then an unpublished change to FY2022),
    みなと (FY2020 published, FY2021 only a draft). Returns {slug: hub}."""
    konan = all_hubs().get(slug="konan")
    tsubasa = second_hub()
    minato = second_hub(name="みなと区地域子育て支援拠点 うみ", ward="みなと区", slug="minato")
    document(konan, 2021, KONAN_2021, KONAN_2022)
    document(tsubasa, 2021, ["つばさ：前年度の目標"], TSUBASA_2022_SET, contract_year=2)
    live = document(tsubasa, 2022, TSUBASA_2022, TSUBASA_2023, contract_year=3)
    change = live.get_latest_revision_as_object()
    rows = list(change.evaluated_goals.all())
    rows[0].text = SECRET + "（未公開の変更）"
    change.evaluated_goals = rows
    change.save_revision()
    document(minato, 2020, ["みなと：前年度の目標"], MINATO_2021)
    document(minato, 2021, [SECRET], ["みなと：下書きの次年度目標"], publish=False, contract_year=2)
    return {"konan": konan, "tsubasa": tsubasa, "minato": minato}
