# ruff: noqa: RUF001 (Chinese narratives use full-width punctuation, as Chinese writers do)
"""Benchmark data: many reports from many companies in several associations, written in bulk.

The services write one report at a time, with its object grants, audit events and notifications; for 100,000
reports that would take far too long. Here the rows the published-report list reads (companies, memberships,
plaintiffs and their aliases, raw reports, shared versions, their rights) are written directly, the largest
with PostgreSQL's COPY, with the variety real data has: a few plaintiffs behind most cases (some with a d/b/a
alias), Schedule A cases in N.D. Ill. shared by many co-defendants, patents asserted in many reports, dates
over several years, narratives in English and Chinese redacted as sharing.reports.shared leaves them. The
search vectors are then computed in one UPDATE, as sharing.reports.search.index_version does for one version.

build_counsel does the same for the counsel directory (law firms, their attorneys, offices and fees, members'
recommendations and reviews), reusing the companies and reports written here.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Avg, Count, JSONField, OuterRef, Subquery
from django.utils import timezone
from psycopg.types.json import Jsonb

from accounts.models import User
from sharing.counsel import choices as counsel_choices
from sharing.counsel.choices import RATING_FIELDS, FeeKind, ReviewStatus, Seniority
from sharing.counsel.models import Attorney, FeeArrangement, LawFirm, Office, Recommendation, Review
from sharing.counsel.selectors import review_threshold
from sharing.plaintiffs.models import PlaintiffAlias, PlaintiffClass, PlaintiffEntity
from sharing.plaintiffs.names import normalize_party_name
from sharing.reports.anonymizer import DOCKET, LISTING, MEMBER
from sharing.reports.choices import (
    FORUMS_BY_KIND,
    AmountBand,
    Currency,
    Outcome,
    ReportKind,
    ReportStatus,
    RightType,
    Stage,
    VersionStatus,
    amount_band,
)
from sharing.reports.dockets import docket_key
from sharing.reports.forums import FORUM_CHOICES
from sharing.reports.models import Report, SharedRight, SharedVersion
from sharing.reports.products import ProductCategory
from sharing.reports.rights import Right, RightKind
from sharing.reports.search import SEARCH_CONFIG
from sharing.reports.shared import KEPT_FIELDS
from tenancy.models import Association, Company, Industry, Membership, MembershipStatus

PUBLISHED_SHARE = 0.9  # the rest awaits moderation, and the list must leave it out
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2026, 9, 30)
NOW = datetime(2026, 11, 1, tzinfo=UTC)
PLAINTIFFS_PER_ASSOCIATION = 150
RARE_PATENT = Right(RightKind.UTILITY, 12_345_678)  # outside the pool: asserted by exactly one report

KINDS = {
    ReportKind.SCHEDULE_A: 35,
    ReportKind.DISTRICT_PATENT: 20,
    ReportKind.PLATFORM: 20,
    ReportKind.LETTER: 10,
    ReportKind.ITC_337: 5,
    ReportKind.PTAB: 5,
    ReportKind.CUSTOMS: 5,
}
# Where most cases of a kind are heard; any forum that fits the kind takes the rest.
BUSY_FORUMS = {
    ReportKind.SCHEDULE_A: ["ilnd"] * 8 + ["flsd", "nysd", "pawd"],
    ReportKind.DISTRICT_PATENT: ["txed", "txed", "txwd", "ded", "cacd", "njd"],
    ReportKind.LETTER: ["none"] * 4 + ["txed"],
}
RIGHTS_BY_KIND = {
    ReportKind.SCHEDULE_A: [RightType.DESIGN_PATENT, RightType.TRADEMARK, RightType.COPYRIGHT],
    ReportKind.DISTRICT_PATENT: [RightType.UTILITY_PATENT, RightType.UTILITY_PATENT, RightType.DESIGN_PATENT],
    ReportKind.ITC_337: [RightType.UTILITY_PATENT],
    ReportKind.PTAB: [RightType.UTILITY_PATENT],
    ReportKind.CUSTOMS: [RightType.UTILITY_PATENT, RightType.DESIGN_PATENT],
    ReportKind.PLATFORM: [RightType.TRADEMARK, RightType.DESIGN_PATENT, RightType.COPYRIGHT],
    ReportKind.LETTER: [RightType.UTILITY_PATENT, RightType.TRADEMARK, RightType.TRADE_SECRET],
}
OPEN_STAGES = [Stage.FILED, Stage.TRO, Stage.SERVED, Stage.RESPONSE, Stage.DISCOVERY, Stage.CLAIM_CONSTRUCTION,
               Stage.TRIAL, Stage.APPEAL]  # fmt: skip
CLOSED_OUTCOMES = [outcome for outcome in Outcome if outcome != Outcome.PENDING]
LAW_FIRMS = [
    "Harbor & Pine LLP", "Northgate IP Law, Ltd.", "Keystone Brand Protection LLC", "Meridian Patent Group PLLC",
    "Crescent Lake Law Offices", "Summit Ridge IP Counsel LLP", "Blackwater Trademark Law P.C.",
    "Ironwood Litigation Partners", "Silver Oak Legal LLC", "Redfield & Marsh LLP", "Canyon IP Enforcement",
    "Lakeshore Patent Attorneys Ltd.",
]  # fmt: skip
PLAINTIFF_WORDS = [
    "Lumen", "Voltix", "Aurora", "Keystone", "Nimbus", "Cobalt", "Vertex", "Halcyon", "Orchid", "Granite",
    "Solace", "Tidewater", "Juniper", "Quartz", "Beacon", "Falcon", "Redwood", "Saffron", "Meridian", "Harbor",
]  # fmt: skip
PLAINTIFF_TAILS = ["Holdings", "Brands", "Innovations", "Technologies", "IP", "Licensing", "Designs", "Labs"]
PLAINTIFF_SUFFIXES = ["LLC", "Inc.", "Ltd.", "Corp.", "L.L.C.", "GmbH", "Co., Ltd."]
BRAND_TAILS = ["Go", "Pro", "Max", "Home", "Kids", "Fit"]
PRODUCTS = {
    ProductCategory.PHONES: ("phone cases", "手机壳"),
    ProductCategory.LIGHTING: ("LED desk lamps", "LED台灯"),
    ProductCategory.HOME: ("silicone kitchen utensils", "硅胶厨具"),
    ProductCategory.TOYS: ("magnetic building tiles", "磁力片积木"),
    ProductCategory.ELECTRONICS: ("wireless earbuds", "无线耳机"),
    ProductCategory.SPORTS: ("yoga mats", "瑜伽垫"),
    ProductCategory.PETS: ("automatic pet feeders", "自动喂食器"),
    ProductCategory.ENERGY: ("portable power stations", "便携式储能电源"),
    ProductCategory.TOOLS: ("cordless drill bits", "无绳电钻钻头"),
    ProductCategory.APPAREL: ("hoodies with printed designs", "印花卫衣"),
}
PLATFORM_NAMES = ["Amazon", "Walmart", "Temu", "AliExpress", "TikTok Shop"]
# (English, Chinese) narratives. {me}, {store} and {docket} are the company's own in the raw version and
# placeholders in the shared one, as the anonymizer leaves them.
SCHEDULE_A_TEXT = (
    "{plaintiff} sued {me} and 150 other stores in {forum} over {product}. The TRO froze {store} on "
    "{platform} within two days; {firm} offered to settle for a fixed fee per defendant.",
    "{plaintiff}在{forum}起诉{me}及另外150家店铺，涉及{product}。两天内{store}在{platform}的资金被冻结，"
    "{firm}提出按被告固定金额和解。",
)
LETTER_TEXT = (
    "{me} received a demand letter from {firm} on behalf of {plaintiff}, asserting {right} against our "
    "{product}. No complaint has been filed yet; we are reviewing prior art.",
    "{firm}代表{plaintiff}向{me}发出律师函，主张{right}，针对我们的{product}。尚未起诉，我们正在检索现有技术。",
)
ITC_TEXT = (
    "The complaint ({docket}) names {me} as one of six respondents in a case brought by {plaintiff}; the "
    "exclusion order sought would cover all {product}.",
    "{plaintiff}提起的案件（案号{docket}）将{me}列为六名被申请人之一，申请的排除令将覆盖所有{product}。",
)
PLATFORM_TEXT = (
    "{platform} removed the listings of {store} after a complaint by {plaintiff} citing {right}. {me} filed "
    "a counter-notice with a non-infringement opinion.",
    "{plaintiff}以{right}投诉后，{platform}下架了{store}的商品链接。{me}已提交反通知及不侵权意见。",
)
IPR_TEXT = (
    "{plaintiff} asserted {right} against {me} in {forum} ({docket}) over {product}. We petitioned for inter "
    "partes review; the PTAB instituted it and the district case is stayed.",
    "{plaintiff}在{forum}（案号{docket}）以{right}起诉{me}，涉及{product}。我们提出多方复审请求，PTAB已立案，"
    "地区法院案件中止。",
)
NARRATIVES = {
    ReportKind.SCHEDULE_A: SCHEDULE_A_TEXT,
    ReportKind.LETTER: LETTER_TEXT,
    ReportKind.ITC_337: ITC_TEXT,
    ReportKind.CUSTOMS: ITC_TEXT,
    ReportKind.PLATFORM: PLATFORM_TEXT,
    ReportKind.PTAB: IPR_TEXT,
    ReportKind.DISTRICT_PATENT: IPR_TEXT,
}
DAMAGES_KINDS = (ReportKind.DISTRICT_PATENT, ReportKind.ITC_337)
RIGHT_WORDS = {
    RightType.COPYRIGHT: ("its copyright", "其著作权"),
    RightType.TRADE_SECRET: ("trade secrets", "商业秘密"),
}


@dataclass
class World:
    """What the benchmark needs to know about the data it generated."""

    associations: list[Association]
    reader: User  # a company admin in the first association
    plaintiff: PlaintiffEntity  # the first association's busiest plaintiff
    rare_patent: str  # a patent key asserted by exactly one published version, in the first association
    reports: int
    companies: int


class _Weighted:
    """Draws from a list with Zipf-like weights: a few items are behind most rows, as in real dockets."""

    def __init__(self, items):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.items))))

    def draw(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


def build_world(reports: int, *, companies: int = 1000, associations: int = 10, seed: int = 2026) -> World:
    """Write `reports` reports of `companies` member companies spread over `associations` associations."""
    rng = random.Random(seed)
    companies = max(associations, min(companies, reports // 10))
    tag = f"bench{seed}"
    assocs = Association.objects.bulk_create(
        Association(name=f"Benchmark Association {n}", slug=f"{tag}-{n}", default_language="zh-hans")
        for n in range(associations)
    )
    firms, users = _companies(companies, assocs, tag, rng)
    plaintiffs = {association.pk: _plaintiffs(association, rng) for association in assocs}
    context = {
        "pools": _rights_pools(rng),
        "forums": {kind: sorted(forums) for kind, forums in FORUMS_BY_KIND.items()},
        "labels": {code: str(label).split(" (")[0] for code, label in FORUM_CHOICES},
        "firm_keys": {firm: normalize_party_name(firm) for firm in LAW_FIRMS},
        "schedule_a_cases": [f"1:{year}-cv-{rng.randrange(1000, 99999):05d}" for year in range(19, 27)] * 3,
    }

    report_rows, version_rows = [], []
    rare_left = True
    for n in range(reports):
        company, user = firms[n % companies], users[n % companies]
        association = assocs[(n % companies) % associations]
        report = _report(rng, company, user, association, plaintiffs[association.pk], context)
        published = rng.random() < PUBLISHED_SHARE
        if rare_left and published and association is assocs[0]:
            report["rights"] = [*report["rights"], _right(RARE_PATENT, RightType.UTILITY_PATENT)]
            rare_left = False
        report_rows.append(report)
        version_rows.append(_shared(rng, report, company, published, context))

    for version, pk in zip(version_rows, _copy(Report, report_rows), strict=True):
        version["report_id"] = pk
    version_ids = _copy(SharedVersion, version_rows)
    _copy(
        SharedRight,
        [
            {"version_id": pk, "right_type": right["type"], "key": right["key"]}
            for pk, version in zip(version_ids, version_rows, strict=True)
            for right in version["rights"]
        ],
    )
    _index(assocs)
    return World(
        associations=assocs,
        reader=users[0],
        plaintiff=plaintiffs[assocs[0].pk].items[0],
        rare_patent=RARE_PATENT.key,
        reports=reports,
        companies=companies,
    )


def _companies(count: int, associations: list[Association], tag: str, rng: random.Random):
    """Companies with their group, an active membership and one admin each; company n is in association
    n mod len(associations)."""
    groups = Group.objects.bulk_create(Group(name=f"company:{tag}-{n}") for n in range(count))
    firms = Company.objects.bulk_create(
        Company(
            legal_name_en=f"Shenzhen Benchmark {n} Technology Co., Ltd.",
            legal_name_zh=f"深圳基准{n}科技有限公司",
            aliases=[f"Bench{n}"],
            trademarks=[f"BENCHMARK{n}"],
            store_names=[f"Bench{n} Official Store"],
            web_domains=[f"bench{n}.example"],
            industry=rng.choice(Industry.values),
            group=group,
        )
        for n, group in enumerate(groups)
    )
    Membership.objects.bulk_create(
        Membership(association=associations[n % len(associations)], company=company, status=MembershipStatus.ACTIVE)
        for n, company in enumerate(firms)
    )
    users = User.objects.bulk_create(
        User(
            email=f"admin-{n}@{tag}.example",
            display_name=f"Benchmark Admin {n}",
            company=company,
            company_role="admin",
            password="!",  # unusable: the benchmark authenticates its requests directly
        )
        for n, company in enumerate(firms)
    )
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=company.group_id)
        for user, company in zip(users, firms, strict=True)
    )
    return firms, users


def _plaintiffs(association: Association, rng: random.Random) -> _Weighted:
    """Plaintiff entities with their aliases; about one in three also trades under a brand (d/b/a)."""
    names = [f"{word} {tail}" for word in PLAINTIFF_WORDS for tail in PLAINTIFF_TAILS]
    rng.shuffle(names)
    entities = PlaintiffEntity.objects.bulk_create(
        PlaintiffEntity(
            association=association,
            name=f"{name} {rng.choice(PLAINTIFF_SUFFIXES)}",
            classification=rng.choice(PlaintiffClass.values),
        )
        for name in names[:PLAINTIFFS_PER_ASSOCIATION]
    )
    aliases, keys = [], set()
    for entity in entities:
        spellings = [entity.name]
        if rng.random() < 0.3:
            spellings.append(f"{entity.name.split()[0]}{rng.choice(BRAND_TAILS)}")
        for spelling in spellings:
            key = normalize_party_name(spelling)
            if key not in keys:
                keys.add(key)
                aliases.append(PlaintiffAlias(entity=entity, association=association, name=spelling, key=key))
    PlaintiffAlias.objects.bulk_create(aliases)
    return _Weighted(entities)


def _right(right: Right, right_type: str) -> dict:
    return {"type": str(right_type), "key": right.key, "display": right.display}


def _rights_pools(rng: random.Random) -> dict[str, _Weighted]:
    def numbers(low, high, count):
        return rng.sample(range(low, high), count)

    return {
        RightType.UTILITY_PATENT: _Weighted(
            _right(Right(RightKind.UTILITY, n), RightType.UTILITY_PATENT) for n in numbers(7_000_000, 12_000_000, 3000)
        ),
        RightType.DESIGN_PATENT: _Weighted(
            _right(Right(RightKind.DESIGN, n), RightType.DESIGN_PATENT) for n in numbers(800_000, 1_100_000, 1000)
        ),
        RightType.TRADEMARK: _Weighted(
            _right(Right(RightKind.TRADEMARK, n), RightType.TRADEMARK) for n in numbers(3_000_000, 7_500_000, 800)
        ),
        RightType.COPYRIGHT: _Weighted([{"type": str(RightType.COPYRIGHT), "key": "", "display": ""}]),
        RightType.TRADE_SECRET: _Weighted([{"type": str(RightType.TRADE_SECRET), "key": "", "display": ""}]),
    }


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    """Log-uniform between low and high, whole units."""
    return Decimal(round(low * (high / low) ** rng.random()))


def _report(rng, company, user, association, plaintiffs: _Weighted, context: dict) -> dict:
    """A raw report, as a row: the columns it would have after report_create and report_submit."""
    kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
    busy = BUSY_FORUMS.get(kind)
    forum = rng.choice(busy) if busy and rng.random() < 0.9 else rng.choice(context["forums"][kind])
    plaintiff = plaintiffs.draw(rng)
    rights = {}
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        right = context["pools"][rng.choice(RIGHTS_BY_KIND[kind])].draw(rng)
        rights.setdefault((right["type"], right["key"]), right)

    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    letter = kind in (ReportKind.LETTER, ReportKind.PLATFORM)
    served = None if letter or rng.random() < 0.3 else min(day + timedelta(days=rng.randrange(2, 45)), LAST_DAY)
    closed = rng.random() < 0.35
    outcome = rng.choice(CLOSED_OUTCOMES) if closed else Outcome.PENDING
    if kind == ReportKind.SCHEDULE_A:
        docket = rng.choice(context["schedule_a_cases"])  # many co-defendants in one case
    elif kind in (ReportKind.ITC_337, ReportKind.CUSTOMS):
        docket = f"337-TA-{rng.randrange(1300, 1460)}"
    elif kind in (ReportKind.DISTRICT_PATENT, ReportKind.PTAB):
        docket = f"2:{day.year % 100}-cv-{rng.randrange(1, 2000):05d}"
    else:
        docket = ""
    return {
        "association_id": association.pk,
        "company_id": company.pk,
        "created_by_id": user.pk,
        "status": ReportStatus.SUBMITTED,
        "kind": kind,
        "forum": forum,
        "plaintiff_id": plaintiff.pk,
        "plaintiff_name": plaintiff.name,
        "law_firm": rng.choice(LAW_FIRMS),
        "rights": list(rights.values()),
        "product_category": rng.choice(list(PRODUCTS)),
        "industry": company.industry,
        "notice_received_on": day if letter else served,
        "filed_on": None if letter else day,
        "served_on": served,
        "response_due_on": served + timedelta(days=21) if served else None,
        "stage": Stage.CLOSED if closed else Stage.NOTICE if letter else rng.choice(OPEN_STAGES),
        "outcome": outcome,
        "currency": Currency.USD if rng.random() < 0.85 else Currency.CNY,
        "damages_claimed": _amount(rng, 50_000, 50_000_000) if kind in DAMAGES_KINDS else None,
        "settlement_amount": _amount(rng, 2_000, 500_000) if outcome == Outcome.SETTLED else None,
        "frozen_funds": _amount(rng, 500, 300_000) if kind == ReportKind.SCHEDULE_A else None,
        "defense_cost": _amount(rng, 1_000, 2_000_000) if rng.random() < 0.6 else None,
        "docket_number": docket,
        "docket_key": docket_key(forum, docket),
        "store_names": company.store_names,
        "seller_ids": [f"A{company.pk:07d}SELLER"],
        "listing_ids": [f"B0{company.pk:08d}"],
    }


def _narrative(rng, report: dict, company: Company, labels: dict, *, shared: bool) -> str:
    """The narrative in English, Chinese or both; the shared one has placeholders where the raw one names."""
    product_en, product_zh = PRODUCTS[report["product_category"]]
    first = report["rights"][0]
    right_en, right_zh = (first["display"], first["display"]) if first["key"] else RIGHT_WORDS[first["type"]]
    common = {
        "plaintiff": report["plaintiff_name"],
        "firm": report["law_firm"],
        "forum": labels[report["forum"]],
        "platform": rng.choice(PLATFORM_NAMES),
        "store": LISTING if shared else report["store_names"][0],
        "docket": DOCKET if shared else report["docket_number"] or "—",
    }
    english, chinese = NARRATIVES[report["kind"]]
    language = rng.random()
    parts = []
    if language < 0.65:
        me = MEMBER if shared else company.legal_name_en
        parts.append(english.format(me=me, product=product_en, right=right_en, **common))
    if language >= 0.5:
        me = MEMBER if shared else company.legal_name_zh
        parts.append(chinese.format(me=me, product=product_zh, right=right_zh, **common))
    return "\n\n".join(parts)


def _month(day: date | None) -> date | None:
    return day.replace(day=1) if day else None


def _shared(rng, report: dict, company: Company, published: bool, context: dict) -> dict:
    """The report's one revision, anonymized as sharing.reports.shared does: months for dates, bands for
    amounts, a redacted narrative."""
    seed = rng.random()  # the same draws for the raw and the shared narrative
    report["narrative"] = _narrative(random.Random(seed), report, company, context["labels"], shared=False)
    version = {name: report[name] for name in KEPT_FIELDS if name != "plaintiff"}
    version.update(
        plaintiff_id=report["plaintiff_id"],
        association_id=report["association_id"],
        revision=1,
        status=VersionStatus.PUBLISHED if published else VersionStatus.PENDING,
        law_firm_key=context["firm_keys"][report["law_firm"]],
        notice_month=_month(report["notice_received_on"]),
        filed_month=_month(report["filed_on"]),
        served_month=_month(report["served_on"]),
        currency=report["currency"],
        damages_band=amount_band(report["damages_claimed"]),
        settlement_band=amount_band(report["settlement_amount"]),
        frozen_band=amount_band(report["frozen_funds"]),
        defense_cost_band=amount_band(report["defense_cost"]),
        narrative=_narrative(random.Random(seed), report, company, context["labels"], shared=True),
    )
    if published:
        report["status"] = ReportStatus.PUBLISHED
        opened = datetime.combine(report["filed_on"] or report["notice_received_on"], datetime.min.time(), UTC)
        version["published_at"] = version["decided_at"] = opened + (NOW - opened) * rng.random()
    return version


def _copy(model, rows: list[dict]) -> list[int]:
    """Write `rows` (values by attribute name; a missing one takes the field's default) with PostgreSQL's COPY,
    several times faster than bulk_create's INSERTs at this size. Returns their ids, in order."""
    table = model._meta.db_table
    fields = model._meta.concrete_fields
    now = timezone.now()
    columns = [
        (
            field.attname,
            now if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False) else field.get_default(),
            isinstance(field, JSONField),
        )
        for field in fields
    ]
    unknown = set(rows[0]) - {name for name, _, _ in columns} if rows else set()
    assert not unknown, f"{model.__name__} has no field {unknown}"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        names = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                row["id"] = pk
                copy.write_row(
                    [
                        Jsonb(row.get(name, default)) if is_json else row.get(name, default)
                        for name, default, is_json in columns
                    ]
                )
    return ids


def _index(associations: list[Association]) -> None:
    """Search vectors for the published versions, in one UPDATE, then fresh planner statistics."""
    plaintiff = Subquery(PlaintiffEntity.objects.filter(pk=OuterRef("plaintiff_id")).values("name")[:1])
    SharedVersion.objects.filter(association__in=associations, status=VersionStatus.PUBLISHED).update(
        search_vector=SearchVector("narrative", "law_firm", plaintiff, config=SEARCH_CONFIG)
    )
    tables = [model._meta.db_table for model in (SharedVersion, SharedRight, Report, PlaintiffEntity)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")


# The counsel directory ----------------------------------------------------------------------------------------
# Law firms of one association (and of a second, fewer, to prove the directory's scoping) as the directory shows
# them: US and Chinese firms with names in both languages, practice texts built from phrases of very different
# frequency (so that full-text queries select from most firms down to a few), the reports' forums, kinds and
# rights, offices, attorneys, fee models, and members' recommendations and reviews of them, a few firms reviewed
# by hundreds of companies and most by a handful, as word of mouth goes.

COUNSEL_SURNAMES = [
    "Anderson", "Baker", "Becker", "Brooks", "Carter", "Chen", "Cohen", "Davis", "Dunn", "Ellis", "Evans",
    "Fischer", "Fleming", "Foster", "Garcia", "Gordon", "Grant", "Hart", "Hayes", "Hughes", "Irwin", "Ito",
    "Jensen", "Keller", "Kim", "Klein", "Lee", "Li", "Lin", "Liu", "Lowe", "Marsh", "Mercer", "Morgan", "Nakamura",
    "Nguyen", "Nolan", "Novak", "O'Brien", "Owens", "Park", "Patel", "Price", "Quinn", "Reyes", "Rhodes", "Rossi",
    "Sato", "Schmidt", "Stone", "Tanaka", "Tate", "Turner", "Vance", "Walsh", "Wang", "Ward", "Weber", "Wolfe",
    "Xu", "Yamamoto", "Young", "Zhang", "Zhou",
]  # fmt: skip
COUNSEL_FIRST_NAMES = [
    "Alice", "Andrew", "Benjamin", "Catherine", "Daniel", "David", "Emily", "Eric", "Grace", "Hannah", "Helen",
    "Jason", "Jennifer", "Jessica", "Kevin", "Laura", "Linda", "Mark", "Michael", "Nancy", "Olivia", "Peter",
    "Rachel", "Richard", "Sarah", "Steven", "Thomas", "Victoria", "William", "Wei", "Ming", "Yan", "Jun", "Lei",
]  # fmt: skip
COUNSEL_PLACES = [
    "Harbor", "Lakeshore", "Summit", "Pacific", "Golden Gate", "Silicon Valley", "Lone Star", "Great Lakes", "Empire",
    "Bay Area", "Midwest", "Atlantic", "Keystone", "Cascade", "Liberty", "Prairie", "Redwood", "Granite",
]  # fmt: skip
US_FIRM_FORMS = [
    "{a} & {b} LLP", "{a}, {b} & {c} LLP", "{a} {b} PLLC", "Law Offices of {first} {a}", "{place} IP Law Group",
    "{place} Patent & Trademark Attorneys", "{a} IP Counsel P.C.", "{a} Law Firm", "{a} & {b} Intellectual Property",
    "{place} Brand Protection LLC",
]  # fmt: skip
# (pinyin, Chinese) of a firm's trade name and of its city.
CHINESE_FIRM_WORDS = [
    ("Huacheng", "华诚"), ("Xinda", "信达"), ("Hengyuan", "恒远"), ("Mingde", "明德"), ("Zhengyang", "正阳"),
    ("Bosi", "博思"), ("Zhiheng", "智恒"), ("Dingli", "鼎力"), ("Hanhai", "瀚海"), ("Taihe", "泰和"),
    ("Zhuoxin", "卓信"), ("Qiming", "启明"), ("Jincheng", "金诚"), ("Lifang", "立方"), ("Tongshang", "通商"),
    ("Deheng", "德恒"), ("Junda", "君达"), ("Yuanhe", "元合"), ("Kangda", "康达"), ("Zhonglun", "中仑"),
]  # fmt: skip
CHINESE_CITIES = [
    ("Shenzhen", "深圳"), ("Shanghai", "上海"), ("Beijing", "北京"), ("Guangzhou", "广州"), ("Hangzhou", "杭州"),
    ("Ningbo", "宁波"), ("Dongguan", "东莞"), ("Yiwu", "义乌"), ("Xiamen", "厦门"), ("Suzhou", "苏州"),
]  # fmt: skip
CHINESE_CITY_WEIGHTS = [30, 20, 12, 12, 8, 5, 5, 3, 3, 2]  # Shenzhen's sellers are most of the cases
US_CITIES = ["New York", "Chicago", "Los Angeles", "San Francisco", "San Jose", "Houston", "Dallas", "Miami",
             "Seattle", "Washington", "Boston", "Marshall", "Wilmington", "Irvine"]  # fmt: skip
CHINESE_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
CHINESE_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚华"
# (English, Chinese, the share of firms whose practice has it): from nearly all firms down to a few.
PRACTICE_PHRASES = [
    ("Patent litigation in federal district courts, from complaint through trial and appeal.",
     "联邦地区法院专利诉讼，从起诉到庭审及上诉。", 0.55),
    ("Defense of Schedule A cases against online sellers, including TRO and asset freeze motions.",
     "为网店卖家应对Schedule A案件，包括临时限制令和资产冻结动议。", 0.35),
    ("Design patent clearance, freedom-to-operate and non-infringement opinions.",
     "外观设计专利检索、自由实施分析及不侵权意见。", 0.3),
    ("Trademark prosecution, opposition and cancellation proceedings before the TTAB.",
     "商标申请、异议及撤销程序。", 0.3),
    ("Amazon and Walmart marketplace takedowns, counter-notices and account reinstatement.",
     "亚马逊和沃尔玛平台投诉、反通知及账户恢复。", 0.25),
    ("Settlement negotiation with plaintiffs' counsel at a fixed fee per defendant.",
     "与原告律师按被告固定费用谈判和解。", 0.2),
    ("Inter partes review and post-grant proceedings before the PTAB.",
     "专利审查与上诉委员会的多方复审及授权后程序。", 0.15),
    ("Copyright claims over product photographs, artwork and listings.",
     "产品图片、美术作品及商品页面的版权纠纷。", 0.15),
    ("Section 337 investigations at the ITC and general exclusion orders.",
     "美国国际贸易委员会337调查及普遍排除令。", 0.08),
    ("Trade secret disputes and employee mobility.", "商业秘密纠纷及员工流动。", 0.06),
    ("Customs recordation and seizures of imported goods by CBP.", "海关备案及美国海关扣押进口货物。", 0.05),
    ("Semiconductor and wireless standard-essential patent licensing.", "半导体及无线通信标准必要专利许可。", 0.02),
    ("Biosimilar and pharmaceutical patent disputes under the Hatch-Waxman Act.", "生物类似药及医药专利纠纷。", 0.005),
]  # fmt: skip
BILINGUAL_PHRASE = ("Our bilingual team serves cross-border sellers in Mandarin and English.",
                    "中英双语团队服务跨境卖家。")  # fmt: skip
# The forums most firms name: N.D. Ill. for Schedule A, E.D. Tex. for patents, the ITC, the platforms.
BUSY_COUNSEL_FORUMS = ["ilnd"] * 6 + ["txed"] * 3 + [
    "cand", "cacd", "nysd", "flsd", "ded", "txwd", "njd", "pawd", "itc", "ptab", "amazon", "amazon", "walmart",
    "temu", "none",
]  # fmt: skip
REVIEW_STATUSES = {"published": 85, "pending": 8, "returned": 2, "rejected": 3, "withdrawn": 2}
REVIEW_TEXTS = [
    "Answered within a day and explained the TRO clearly; the settlement came in under the estimate.",
    "Knew the judge's standing orders; got the asset freeze narrowed to the accused listings.",
    "Slow to reply in the first week, but the non-infringement opinion was thorough.",
    "律师回复及时，和解金额低于预期，沟通很顺畅。",
    "费用比报价高，但最终撤诉，结果满意。",
    "Fixed fee as quoted, weekly updates in Chinese, the case was dismissed.",
]  # fmt: skip


@dataclass
class CounselWorld:
    """What the counsel benchmark needs to know about the directory it generated."""

    association: Association  # the measured directory's
    other: Association  # a second association with firms of its own, which the first must never show
    reader: User  # a company admin in the first association
    firms: int  # in the first association
    reviews: int  # in the first association, every status
    recommendations: int  # in the first association
    companies: int


def build_counsel(firms: int, reviews: int, *, seed: int = 2026) -> CounselWorld:
    """`firms` law firms with `reviews` reviews (and half as many recommendations) from member companies of one
    association, and a tenth as many of each in a second. The firms' kept counts and search text are then set
    in bulk, as services.refresh_counts and search.index_firm would set them one firm at a time."""
    rng = random.Random(seed)
    tag = f"counsel{seed}"
    first, other = Association.objects.bulk_create(
        Association(name=f"Counsel Benchmark Association {n}", slug=f"{tag}-{n}", default_language="zh-hans")
        for n in range(2)
    )
    companies = max(20, min(1000, reviews // 25))
    # One company in ten is the second association's: _companies gives company n the nth association, cyclically.
    members, users = _companies(companies, [first] * 9 + [other], f"{tag}c", rng)
    reports = _counsel_reports(rng, members, users, first, other, max(50, reviews // 3))
    other_firms, other_reviews = max(10, firms // 10), reviews // 10
    for association, count, review_count in ((first, firms, reviews), (other, other_firms, other_reviews)):
        firm_ids = _counsel_firms(rng, association, count)
        popular = _popularity(rng, firm_ids)
        mine = [report for report in reports if report["association_id"] == association.pk]
        _counsel_recommendations(rng, association, popular, mine, review_count // 2)
        _counsel_reviews(rng, association, popular, mine, review_count)
    counsel_index([first, other])
    return CounselWorld(
        association=first,
        other=other,
        reader=users[0],
        firms=firms,
        reviews=reviews,
        recommendations=reviews // 2,
        companies=companies,
    )


def _counsel_reports(rng, members, users, first, other, count: int) -> list[dict]:
    """`count` submitted reports of the member companies (the cases their reviews are about), as build_world
    writes them, without the shared versions the directory never reads."""
    plaintiffs = {association.pk: _plaintiffs(association, rng) for association in (first, other)}
    context = {
        "pools": _rights_pools(rng),
        "forums": {kind: sorted(forums) for kind, forums in FORUMS_BY_KIND.items()},
        "schedule_a_cases": [f"1:{year}-cv-{rng.randrange(1000, 99999):05d}" for year in range(19, 27)] * 3,
    }
    rows = []
    for n in range(count):
        company, user = members[n % len(members)], users[n % len(members)]
        association = other if n % len(members) % 10 == 9 else first
        report = _report(rng, company, user, association, plaintiffs[association.pk], context)
        report["narrative"] = ""
        rows.append(report)
    _copy(Report, rows)
    return rows


def _weighted_sample(rng: random.Random, items: list, weights: list[float], low: int, high: int) -> list:
    """Between low and high distinct items, drawn by weight, in the order of `items`."""
    wanted = rng.randint(low, high)
    chosen = set()
    for _ in range(wanted * 3):
        chosen.add(rng.choices(range(len(items)), weights=weights)[0])
        if len(chosen) >= wanted:
            break
    return [item for index, item in enumerate(items) if index in chosen]


def _counsel_firms(rng: random.Random, association: Association, count: int) -> list[int]:
    """`count` firms with their offices, attorneys and fee models; their ids."""
    forum_codes = list(counsel_choices.FORUMS)
    kind_codes, kind_weights = list(counsel_choices.KINDS), [10, 3, 12, 4, 2, 6, 5]
    right_codes, right_weights = list(counsel_choices.RIGHTS), [8, 10, 9, 4, 1]
    language_codes, industry_codes = list(counsel_choices.LANGUAGES), list(counsel_choices.INDUSTRIES)
    court_bars = [code for code in counsel_choices.BAR_ADMISSIONS if code.startswith("court-")]
    state_bars = [code for code in counsel_choices.BAR_ADMISSIONS if code.startswith("bar-")]
    firm_rows, home_cities, offices, attorneys, fees = [], [], [], [], []
    for n in range(count):
        chinese = rng.random() < 0.45
        city_en = ""
        surnames = rng.sample(COUNSEL_SURNAMES, 3)
        if chinese:
            (word_en, word_zh), (city_en, city_zh) = (
                rng.choice(CHINESE_FIRM_WORDS),
                rng.choices(CHINESE_CITIES, weights=CHINESE_CITY_WEIGHTS)[0],
            )
            name_en = f"{city_en} {word_en} Law Firm" + (f" ({rng.choice(US_CITIES)})" if rng.random() < 0.3 else "")
            name_zh = f"{city_zh}{word_zh}律师事务所"
        else:
            form = rng.choice(US_FIRM_FORMS)
            name_en = form.format(
                a=surnames[0], b=surnames[1], c=surnames[2], first=rng.choice(COUNSEL_FIRST_NAMES),
                place=rng.choice(COUNSEL_PLACES),
            )  # fmt: skip
            name_zh = f"{rng.choice(CHINESE_FIRM_WORDS)[1]}{rng.choice(('国际', '美国', ''))}律师事务所" if (
                rng.random() < 0.3
            ) else ""  # fmt: skip
        phrases = [phrase for phrase in PRACTICE_PHRASES if rng.random() < phrase[2]] or [PRACTICE_PHRASES[0]]
        if chinese or rng.random() < 0.3:
            phrases.append((*BILINGUAL_PHRASE, 1))
        written_zh = chinese or bool(name_zh)
        languages = ["en"] + (["zh"] if written_zh or rng.random() < 0.1 else [])
        languages += [code for code in language_codes[2:] if rng.random() < 0.06]
        firm_rows.append(
            {
                "association_id": association.pk,
                "name_en": name_en,
                "name_zh": name_zh,
                "practice_en": " ".join(english for english, _, _ in phrases),
                "practice_zh": "".join(chinese_text for _, chinese_text, _ in phrases) if written_zh else "",
                "website": f"https://firm{n}.example",
                "email": f"intake@firm{n}.example",
                "phone": f"+1 312 555 {n % 10000:04d}",
                "forums": _weighted_sample(rng, forum_codes, [1] * len(forum_codes), 0, 2)
                + rng.sample(BUSY_COUNSEL_FORUMS, rng.randint(1, 4)),
                "kinds": _weighted_sample(rng, kind_codes, kind_weights, 1, 4),
                "rights": _weighted_sample(rng, right_codes, right_weights, 1, 4),
                "industries": _weighted_sample(rng, industry_codes, [1] * len(industry_codes), 0, 3),
                "languages": [code for code in language_codes if code in languages],
                "verified_at": NOW - timedelta(days=rng.randrange(1, 900)) if rng.random() < 0.3 else None,
                "retired_at": NOW - timedelta(days=rng.randrange(1, 300)) if rng.random() < 0.02 else None,
            }
        )
        firm_rows[-1]["forums"] = [code for code in forum_codes if code in set(firm_rows[-1]["forums"])]
        home_cities.append(city_en)  # a Chinese firm's; empty for a US firm
    ids = _copy(LawFirm, firm_rows)
    for pk, city in zip(ids, home_cities, strict=True):
        chinese = bool(city)
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            if chinese and rng.random() < 0.7:
                offices.append({"firm_id": pk, "city": city, "country": "China"})
            else:
                offices.append({"firm_id": pk, "city": rng.choice(US_CITIES), "country": "United States"})
        for _ in range(rng.choice((1, 2, 2, 3, 4, 6, 9, 14))):
            last = rng.choice(COUNSEL_SURNAMES)
            zh = chinese or rng.random() < 0.2
            attorneys.append(
                {
                    "firm_id": pk,
                    "name_en": f"{rng.choice(COUNSEL_FIRST_NAMES)} {last}",
                    "name_zh": rng.choice(CHINESE_SURNAMES) + "".join(rng.sample(CHINESE_GIVEN, rng.randint(1, 2)))
                    if zh
                    else "",
                    "seniority": rng.choices(Seniority.values, weights=[3, 1, 4, 1])[0],
                    "languages": ["en", "zh"] if zh else ["en"],
                    "bar_admissions": rng.sample(state_bars, 1) + rng.sample(court_bars, rng.randint(0, 3)),
                    "uspto_number": f"{rng.randrange(30000, 999999)}" if rng.random() < 0.4 else "",
                }
            )
        for kind in dict.fromkeys(rng.choices(FeeKind.values, weights=[50, 25, 10, 15], k=rng.randint(1, 3))):
            low = {"hourly": 250, "flat": 2500, "contingency": 20, "cap": 15000}[kind]
            fees.append(
                {
                    "firm_id": pk,
                    "kind": kind,
                    "seniority": rng.choice(Seniority.values[:3]) if kind == "hourly" else "",
                    "description": "Schedule A defense through settlement" if kind == "flat" else "",
                    "minimum": Decimal(low),
                    "maximum": Decimal(low * rng.choice((2, 3, 4))),
                }
            )
    _copy(Office, offices)
    _copy(Attorney, attorneys)
    _copy(FeeArrangement, fees)
    return ids


def _popularity(rng: random.Random, firm_ids: list[int]) -> tuple[list[int], list[float], dict[int, float]]:
    """The firms in a random order of word of mouth (the nth weighs n^-0.8), with each one's quality: the mean
    of the ratings it gets."""
    order = firm_ids[:]
    rng.shuffle(order)
    cumulative = list(itertools.accumulate((rank + 1) ** -0.8 for rank in range(len(order))))
    quality = {pk: rng.uniform(2.2, 4.8) for pk in order}
    return order, cumulative, quality


def _counsel_recommendations(rng, association, popular, reports: list[dict], count: int) -> None:
    order, cumulative, _ = popular
    rows, seen = [], set()
    for _ in range(count):
        report = rng.choice(reports)
        firm = rng.choices(order, cum_weights=cumulative)[0]
        key = (firm, report["company_id"], report["kind"], report["forum"])
        if key not in seen:
            seen.add(key)
            rows.append(
                {
                    "association_id": association.pk,
                    "firm_id": firm,
                    "company_id": report["company_id"],
                    "kind": report["kind"],
                    "forum": report["forum"],
                    "created_by_id": report["created_by_id"],
                }
            )
    _copy(Recommendation, rows)


def _counsel_reviews(rng, association, popular, reports: list[dict], count: int) -> None:
    """`count` reviews, each of a firm for one of the reviewing company's reports (once per firm and report)."""
    order, cumulative, quality = popular
    statuses, weights = list(REVIEW_STATUSES), list(REVIEW_STATUSES.values())
    bands = AmountBand.values
    rows, seen = [], set()
    while len(rows) < count:
        report = rng.choice(reports)
        firm = rng.choices(order, cum_weights=cumulative)[0]
        if (firm, report["id"]) in seen:
            continue
        seen.add((firm, report["id"]))
        status = rng.choices(statuses, weights=weights)[0]
        text = rng.choice(REVIEW_TEXTS)
        day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        ratings = {name: min(5, max(1, round(rng.gauss(quality[firm], 0.9)))) for name in RATING_FIELDS}
        rows.append(
            {
                "association_id": association.pk,
                "firm_id": firm,
                "company_id": report["company_id"],
                "report_id": report["id"],
                "created_by_id": report["created_by_id"],
                **ratings,
                "kind": report["kind"],
                "forum": report["forum"],
                "outcome": report["outcome"],
                "cost_band": rng.choice(bands) if rng.random() < 0.7 else "",
                "text": text,
                "shared_text": text if status == ReviewStatus.PUBLISHED else "",
                "status": status,
                "published_month": day.replace(day=1) if status == ReviewStatus.PUBLISHED else None,
            }
        )
    _copy(Review, rows)


def counsel_index(associations: list[Association]) -> None:
    """The firms' kept counts (services.refresh_counts) and search text and vector (search.index_firm), for every
    firm of `associations` in one UPDATE, then fresh planner statistics."""
    scope = {"firm__association__in": associations}
    recommending = dict(
        Recommendation.objects.filter(**scope)
        .values("firm")
        .annotate(companies=Count("company", distinct=True))
        .values_list("firm", "companies")
    )
    # Each reviewing company's averages, as selectors.per_company_ratings reads them; combined over companies here
    # as refresh_counts combines them (in Python, so the rounding is the same).
    per_company: dict[int, list[dict[str, float]]] = {}
    rows = (
        Review.objects.filter(status=ReviewStatus.PUBLISHED, **scope)
        .values("firm", "company")
        .annotate(**{name: Avg(name) for name in RATING_FIELDS})
        .order_by("firm", "company")
    )
    for row in rows:
        per_company.setdefault(row["firm"], []).append({name: float(row[name]) for name in RATING_FIELDS})
    threshold = review_threshold()
    firm_ids = list(LawFirm.objects.filter(association__in=associations).values_list("id", flat=True))
    counts, reviewing, ratings = [], [], []
    for pk in firm_ids:
        companies = per_company.get(pk, [])
        counts.append(recommending.get(pk, 0))
        reviewing.append(len(companies))
        rating = None
        if len(companies) >= threshold:
            overall = sum(sum(row.values()) / len(RATING_FIELDS) for row in companies) / len(companies)
            rating = Decimal(overall).quantize(Decimal("0.01"))
        ratings.append(rating)
    # One UPDATE (each one leaves a dead version of every row behind): the kept counts, then search.index_firm's
    # text (names, practice, attorneys in the model's order, offices, one a line) and its vector, as
    # SearchVector("search_text", config=SEARCH_CONFIG) computes it.
    firm_table = LawFirm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {firm_table} AS firm SET recommending_companies = kept.recommending, "
            "reviewing_companies = kept.reviewing, rating = kept.rating, search_text = texts.text, "
            "search_vector = to_tsvector(%s::regconfig, texts.text) "
            "FROM unnest(%s::integer[], %s::integer[], %s::integer[], %s::numeric[]) "
            "AS kept (id, recommending, reviewing, rating), "
            "(SELECT f.id, concat_ws(E'\\n', f.name_en, f.name_zh, f.practice_en, f.practice_zh, "
            " (SELECT string_agg(a.name_en || ' ' || a.name_zh, E'\\n' ORDER BY a.name_en, a.id) "
            f"  FROM {Attorney._meta.db_table} a WHERE a.firm_id = f.id), "
            " (SELECT string_agg(o.city || ' ' || o.country, E'\\n' ORDER BY o.id) "
            f"  FROM {Office._meta.db_table} o WHERE o.firm_id = f.id)) AS text "
            f" FROM {firm_table} f WHERE f.association_id = ANY(%s)) AS texts "
            "WHERE firm.id = kept.id AND firm.id = texts.id",
            [SEARCH_CONFIG, firm_ids, counts, reviewing, ratings, [association.pk for association in associations]],
        )
        models = (LawFirm, Office, Attorney, FeeArrangement, Recommendation, Review, Report)
        tables = ", ".join(model._meta.db_table for model in models)
        # What autovacuum does in production: the dead versions of the firms' rows gone (outside a transaction
        # only), fresh planner statistics.
        cursor.execute(f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM ANALYZE {tables}")
