# ruff: noqa: RUF001 (the Chinese texts use full-width punctuation, as Chinese writers do)
"""The demo world: two associations, their member companies, one person per role, a partner with an API key,
and lawsuit reports of every kind in every state of moderation.

Everything here is fictional: names, trademarks and stores are invented, domains use the reserved `.example`
TLD, and any resemblance to a real company is a coincidence.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from api.scopes import ApiScope
from demo.credentials import MAIN, OTHER
from sharing.reports.choices import ReportStatus
from tenancy.models import CompanySize, Industry, MembershipStatus


@dataclass(frozen=True)
class AssociationSpec:
    slug: str
    name: str
    default_language: str


@dataclass(frozen=True)
class PersonSpec:
    email: str
    display_name: str
    preferred_language: str = "zh-hans"
    company_role: str = ""  # "admin" or "member" for company users, empty for association staff


@dataclass(frozen=True)
class CompanySpec:
    legal_name_en: str
    legal_name_zh: str
    industry: str
    size: str
    aliases: list[str]
    trademarks: list[str]
    store_names: list[str]
    web_domains: list[str]
    people: list[PersonSpec]
    # Association slug -> the membership status the demo shows, in the order the company applied.
    memberships: dict[str, str] = field(default_factory=lambda: {MAIN: MembershipStatus.ACTIVE})

    def profile(self) -> dict:
        """The keyword arguments of tenancy.services.company_create."""
        return {
            "legal_name_en": self.legal_name_en,
            "legal_name_zh": self.legal_name_zh,
            "industry": self.industry,
            "size": self.size,
            "aliases": list(self.aliases),
            "trademarks": list(self.trademarks),
            "store_names": list(self.store_names),
            "web_domains": list(self.web_domains),
        }


@dataclass(frozen=True)
class RoleSpec:
    association: str
    email: str
    role: str  # tenancy.models.AssociationRoleKind


ASSOCIATIONS = [
    AssociationSpec(MAIN, "Shenzhen Cross-Border E-Commerce Association 深圳跨境电子商务协会", "zh-hans"),
    AssociationSpec(OTHER, "Ningbo Small Appliance Exporters Association 宁波小家电出口商协会", "zh-hans"),
]

# People who act for an association itself, not through a member company.
STAFF = [
    PersonSpec("admin@sccea.example", "Chen Jing 陈静"),
    PersonSpec("admin@nsaea.example", "Zhou Min 周敏"),
    PersonSpec("counsel@harbor-pine-law.example", "Sarah Whitfield (Harbor & Pine LLP)", preferred_language="en"),
]


def _admin(domain: str, name: str, language: str = "zh-hans") -> PersonSpec:
    return PersonSpec(f"admin@{domain}", name, preferred_language=language, company_role="admin")


COMPANIES = [
    # Mobile communications
    CompanySpec(
        "Shenzhen Lianxun Mobile Technology Co., Ltd.",
        "深圳联讯移动科技有限公司",
        Industry.MOBILE,
        CompanySize.MEDIUM,
        aliases=["Lianxun Mobile", "LXM"],
        trademarks=["LIANXUN", "联讯"],
        store_names=["Lianxun Official Store", "LXM Phone Accessories"],
        web_domains=["lianxun-mobile.example"],
        people=[
            _admin("lianxun-mobile.example", "Li Wei 李伟"),
            PersonSpec("member@lianxun-mobile.example", "Zhang Na 张娜", company_role="member"),
        ],
    ),
    CompanySpec(
        "Shenzhen Haibo Communication Equipment Co., Ltd.",
        "深圳海波通信设备有限公司",
        Industry.MOBILE,
        CompanySize.LARGE,
        aliases=["Haibo Comm"],
        trademarks=["HAIBOLINK"],
        store_names=["HaiboLink Direct"],
        web_domains=["haibo-comm.example"],
        people=[_admin("haibo-comm.example", "Wang Fang 王芳")],
    ),
    CompanySpec(
        "Dongguan Xinghe Smart Terminal Co., Ltd.",
        "东莞星河智能终端有限公司",
        Industry.MOBILE,
        CompanySize.MEDIUM,
        aliases=["Xinghe Terminal"],
        trademarks=["STARRIVER", "星河"],
        store_names=["StarRiver Tech"],
        web_domains=["xinghe-terminal.example"],
        people=[_admin("xinghe-terminal.example", "Liu Yang 刘洋")],
    ),
    # Electronics
    CompanySpec(
        "Shenzhen Guangyao Electronics Co., Ltd.",
        "深圳光耀电子有限公司",
        Industry.ELECTRONICS,
        CompanySize.SMALL,
        aliases=["Guangyao LED"],
        trademarks=["BRIGHTYAO"],
        store_names=["BrightYao Lighting"],
        web_domains=["guangyao-led.example"],
        people=[_admin("guangyao-led.example", "Huang Min 黄敏")],
    ),
    CompanySpec(
        "Shenzhen Jingdian Power Technology Co., Ltd.",
        "深圳晶电电源科技有限公司",
        Industry.ELECTRONICS,
        CompanySize.SMALL,
        aliases=["Jingdian Power"],
        trademarks=["VOLTCRYSTAL"],
        store_names=["VoltCrystal Chargers", "Jingdian Power Store"],
        web_domains=["jingdian-power.example"],
        people=[_admin("jingdian-power.example", "Zhao Lei 赵磊")],
    ),
    CompanySpec(
        "Huizhou Yinxiang Audio Technology Co., Ltd.",
        "惠州音享声学科技有限公司",
        Industry.ELECTRONICS,
        CompanySize.MICRO,
        aliases=["Yinxiang Audio"],
        trademarks=["SOUNDJOY"],
        store_names=["SoundJoy Earbuds"],
        web_domains=["yinxiang-audio.example"],
        people=[_admin("yinxiang-audio.example", "Sun Li 孙丽")],
        memberships={MAIN: MembershipStatus.SUSPENDED},
    ),
    # Manufacturing
    CompanySpec(
        "Foshan Hengtai Hardware Manufacturing Co., Ltd.",
        "佛山恒泰五金制造有限公司",
        Industry.MANUFACTURING,
        CompanySize.MEDIUM,
        aliases=["Hengtai Hardware"],
        trademarks=["HENGTAI"],
        store_names=["Hengtai Tools"],
        web_domains=["hengtai-hardware.example"],
        people=[_admin("hengtai-hardware.example", "Zhou Qiang 周强")],
    ),
    CompanySpec(
        "Zhongshan Meijia Household Appliances Co., Ltd.",
        "中山美佳家用电器有限公司",
        Industry.MANUFACTURING,
        CompanySize.LARGE,
        aliases=["Meijia Appliances"],
        trademarks=["MEIJIAHOME"],
        store_names=["MeijiaHome Kitchen"],
        web_domains=["meijia-appliances.example"],
        people=[_admin("meijia-appliances.example", "Wu Jun 吴军")],
    ),
    CompanySpec(
        "Ningbo Ruifeng Precision Molding Co., Ltd.",
        "宁波瑞丰精密模具有限公司",
        Industry.MANUFACTURING,
        CompanySize.SMALL,
        aliases=["Ruifeng Molding"],
        trademarks=["RUIFENG"],
        store_names=["Ruifeng Parts"],
        web_domains=["ruifeng-molding.example"],
        people=[_admin("ruifeng-molding.example", "Xu Tao 徐涛")],
        # A company may belong to several associations: this one sees both in the switcher.
        memberships={MAIN: MembershipStatus.ACTIVE, OTHER: MembershipStatus.ACTIVE},
    ),
    # Retail and e-commerce
    CompanySpec(
        "Shenzhen Yuntu Cross-Border Trading Co., Ltd.",
        "深圳云途跨境贸易有限公司",
        Industry.RETAIL,
        CompanySize.SMALL,
        aliases=["Yuntu Trade", "YuntuHome"],
        trademarks=["YUNTUHOME"],
        store_names=["YuntuHome", "Yuntu Direct"],
        web_domains=["yuntu-trade.example"],
        people=[
            _admin("yuntu-trade.example", "Ma Lin 马琳"),
            PersonSpec("moderator@yuntu-trade.example", "Guo Hui 郭辉", company_role="member"),
        ],
    ),
    CompanySpec(
        "Shenzhen Lanhai E-Commerce Co., Ltd.",
        "深圳蓝海电子商务有限公司",
        Industry.RETAIL,
        CompanySize.MICRO,
        aliases=["Lanhai E-Commerce", "BlueSea Shop"],
        trademarks=["BLUESEA"],
        store_names=["BlueSea Shop", "BlueSea Pet Supplies"],
        web_domains=["lanhai-ecom.example"],
        people=[_admin("lanhai-ecom.example", "He Xin 何欣")],
    ),
    CompanySpec(
        "Guangzhou Qiaomu Outdoor Products Co., Ltd.",
        "广州乔木户外用品有限公司",
        Industry.RETAIL,
        CompanySize.SMALL,
        aliases=["Qiaomu Outdoor"],
        trademarks=["TREEWOOD"],
        store_names=["TreeWood Outdoor"],
        web_domains=["qiaomu-outdoor.example"],
        people=[_admin("qiaomu-outdoor.example", "Lin Feng 林峰")],
        memberships={MAIN: MembershipStatus.PENDING},
    ),
    # The other association's own member: it never appears in the main association.
    CompanySpec(
        "Cixi Anyuan Electric Appliance Co., Ltd.",
        "慈溪安源电器有限公司",
        Industry.MANUFACTURING,
        CompanySize.MEDIUM,
        aliases=["Anyuan Electric"],
        trademarks=["ANYUAN"],
        store_names=["Anyuan Home Appliances"],
        web_domains=["anyuan-electric.example"],
        people=[_admin("anyuan-electric.example", "Ye Hong 叶红")],
        memberships={OTHER: MembershipStatus.ACTIVE},
    ),
]

# Appointed in this order; each association's first admin is bootstrapped by the system.
ROLES = [
    RoleSpec(MAIN, "admin@sccea.example", "admin"),
    RoleSpec(OTHER, "admin@nsaea.example", "admin"),
    RoleSpec(MAIN, "moderator@yuntu-trade.example", "moderator"),
    RoleSpec(MAIN, "counsel@harbor-pine-law.example", "counsel"),
]

PARTNER_NAME = "Shenzhen Overseas IP Dispute Guidance Centre (demo)"
PARTNER_EMAIL = "api@ip-guidance.example"
PARTNER_KEY_NAME = "Published demo key"
PARTNER_KEY_SCOPES = sorted(ApiScope.values)


# Reusable reasons for returning a report, in both languages (the main association's moderators keep them).
@dataclass(frozen=True)
class ReasonSpec:
    title: str
    text_en: str
    text_zh: str


RETURN_REASONS = [
    ReasonSpec(
        "Identifying details",
        "The narrative still names something that could identify your company: a customer, a product model, a "
        "place. Remove it, or add it to “More words to redact”, and submit again.",
        "叙述中仍有可能识别贵公司的信息（客户、产品型号、地点等）。请删除，或将其加入“更多需要隐去的词”，然后重新提交。",
    ),
    ReasonSpec(
        "Docket number missing",
        "Add the docket number. Other members never see it, but it lets the platform tell co-defendants that they "
        "face the same case.",
        "请填写案号。其他会员看不到案号，但平台可借此告知共同被告他们面临同一案件。",
    ),
    ReasonSpec(
        "Rights asserted",
        "List the patent or trademark registration numbers asserted against you, so that members facing the same "
        "rights find your report.",
        "请列出对方主张的专利号或商标注册号，以便面临相同权利的会员找到您的报告。",
    ),
]

# Who decides on the reports of each association: its moderator, or its admin where it has no moderator.
DECIDED_BY = {MAIN: "moderator@yuntu-trade.example", OTHER: "admin@nsaea.example"}


REPORT_KEYS = uuid.UUID("5eed0de0-0000-4000-8000-000000000003")  # namespace of the demo reports' idempotency keys


def report_key(key: str) -> uuid.UUID:
    """The idempotency key of the demo report named `key` (ReportSpec.key): seeding finds the report by it."""
    return uuid.uuid5(REPORT_KEYS, key)


@dataclass(frozen=True)
class ReportSpec:
    key: str  # stable: seed_demo derives the report's idempotency key from it, so it is created once
    association: str
    reporter: str  # the e-mail of a person of the reporting company
    status: str  # where moderation leaves it: draft, submitted (awaiting moderation), returned or published
    data: dict  # what the reporter enters (sharing.reports.services.report_create)
    reasons: list[str] = field(default_factory=list)  # titles of RETURN_REASONS, for a returned report
    note: str = ""


def _case(**fields) -> dict:
    """A report's data: nothing asserted, nothing known, unless said."""
    blank = {
        "law_firm": "", "patents": [], "trademarks": [], "copyright": False, "trade_secret": False,
        "notice_received_on": None, "filed_on": None, "served_on": None, "response_due_on": None,
        "outcome": "pending", "currency": "USD", "damages_claimed": None, "settlement_amount": None,
        "frozen_funds": None, "defense_cost": None, "docket_number": "", "store_names": [], "seller_ids": [],
        "listing_ids": [], "product_models": [], "extra_redactions": [],
    }  # fmt: skip
    return {**blank, **fields}


# Narratives name their own company in every way a member would, so the redaction shows in the shared version.
# Aurora Lumen Designs is reported by three members under three spellings, two of them in the same case.
REPORTS = [
    ReportSpec(
        "lianxun-schedule-a",
        MAIN,
        "admin@lianxun-mobile.example",
        ReportStatus.PUBLISHED,
        _case(
            kind="schedule_a",
            forum="ilnd",
            plaintiff_name="Aurora Lumen Designs, LLC",
            law_firm="Greer & Vance Brand Protection LLP",
            patents=["US D1,012,345 S"],
            product_category="phones",
            industry=Industry.MOBILE,
            filed_on=date(2026, 8, 4),
            served_on=date(2026, 8, 11),
            response_due_on=date(2026, 9, 1),
            stage="tro",
            frozen_funds=Decimal("48200"),
            defense_cost=Decimal("6500"),
            docket_number="1:26-cv-02345",
            store_names=["Lianxun Official Store"],
            seller_ids=["A1LXMSELLER01"],
            listing_ids=["B0LXM12345"],
            product_models=["LX-P30"],
            narrative=(
                "Shenzhen Lianxun Mobile Technology Co., Ltd. is one of 212 defendants on Schedule A. The TRO froze "
                "USD 48,200 in our Amazon store Lianxun Official Store (seller A1LXMSELLER01) two days after the "
                "filing, and listing B0LXM12345 for the LX-P30 magnetic phone case is down. Plaintiff's counsel "
                "asks every defendant for USD 15,000. Our contact: legal@lianxun-mobile.example.\n\n"
                "联讯移动（LIANXUN品牌）在伊利诺伊北区的Schedule A案件（1:26-cv-02345）中被列为第87号被告，"
                "亚马逊店铺资金被冻结。我们已聘请律师申请解冻，并准备以现有设计为由主张外观设计专利无效。"
            ),
        ),
    ),
    ReportSpec(
        "guangyao-schedule-a",
        MAIN,
        "admin@guangyao-led.example",
        ReportStatus.PUBLISHED,
        _case(
            kind="schedule_a",
            forum="ilnd",
            plaintiff_name="AURORA LUMEN DESIGNS L.L.C.",
            law_firm="Greer & Vance Brand Protection LLP",
            patents=["D1012345"],
            product_category="lighting",
            industry=Industry.ELECTRONICS,
            filed_on=date(2026, 8, 4),
            served_on=date(2026, 8, 12),
            stage="tro",
            frozen_funds=Decimal("12750"),
            docket_number="26-CV-2345",
            store_names=["BrightYao Lighting"],
            listing_ids=["B0BYAO7781"],
            narrative=(
                "深圳光耀电子有限公司（Guangyao LED）在亚马逊的BrightYao Lighting店铺因Schedule A临时限制令被冻结"
                "12,750美元。涉案产品为LED台灯，原告主张D1,012,345外观设计专利。原告律师提出每家5,000美元和解，"
                "我们仍在评估。\n\nThe BRIGHTYAO lamp has been sold since 2019, before the design was filed."
            ),
        ),
    ),
    ReportSpec(
        "jingdian-schedule-a",
        MAIN,
        "admin@jingdian-power.example",
        ReportStatus.SUBMITTED,
        _case(
            kind="schedule_a",
            forum="ilnd",
            plaintiff_name="Aurora Lumen Designs LLC d/b/a LumenCraft",
            law_firm="Greer & Vance Brand Protection LLP",
            patents=["D1,034,567"],
            product_category="energy",
            industry=Industry.ELECTRONICS,
            filed_on=date(2026, 10, 6),
            stage="tro",
            frozen_funds=Decimal("3100"),
            docket_number="1:26-cv-03120",
            store_names=["VoltCrystal Chargers"],
            narrative=(
                "Jingdian Power's Walmart store VoltCrystal Chargers was frozen in a second Schedule A case by the "
                "same plaintiff, now trading as LumenCraft; the complaint copies the one against the lamp sellers. "
                "晶电电源已委托律师应诉。"
            ),
        ),
    ),
    ReportSpec(
        "haibo-itc",
        MAIN,
        "admin@haibo-comm.example",
        ReportStatus.PUBLISHED,
        _case(
            kind="itc_337",
            forum="itc",
            plaintiff_name="Nimbus Wireless Technologies, Inc.",
            law_firm="Ironwood Litigation Partners LLP",
            patents=["US 10,987,654 B2", "US 11,204,118 B1"],
            product_category="electronics",
            industry=Industry.MOBILE,
            filed_on=date(2026, 5, 12),
            served_on=date(2026, 5, 19),
            response_due_on=date(2026, 6, 8),
            stage="discovery",
            defense_cost=Decimal("380000"),
            docket_number="337-TA-1410",
            narrative=(
                "Shenzhen Haibo Communication Equipment Co., Ltd. (Haibo Comm) is one of six respondents in "
                "Inv. No. 337-TA-1410 over HAIBOLINK 5G routers. The complainant seeks a limited exclusion order "
                "and a cease-and-desist order; our US distributor has asked for an indemnity. Respondents wishing to "
                "share expert costs: ip@haibo-comm.example.\n\n海波通信是六名被申请人之一，涉及两项路由器专利。"
            ),
        ),
    ),
    ReportSpec(
        "xinghe-district",
        MAIN,
        "admin@xinghe-terminal.example",
        ReportStatus.RETURNED,
        _case(
            kind="district_patent",
            forum="txed",
            plaintiff_name="Keystone Licensing LLC",
            law_firm="Summit Ridge IP Counsel LLP",
            patents=["9,876,543"],
            product_category="phones",
            industry=Industry.MOBILE,
            filed_on=date(2026, 6, 2),
            served_on=date(2026, 6, 20),
            response_due_on=date(2026, 7, 11),
            stage="response",
            damages_claimed=Decimal("4500000"),
            docket_number="2:26-cv-00412-JRG",
            narrative=(
                "Keystone Licensing sued Dongguan Xinghe Smart Terminal Co., Ltd. over the STARRIVER X9 tablet that "
                "our US customer BigBox Retail sells. The patent claims automatic screen rotation. We answered and "
                "counterclaimed for invalidity. 星河智能已提交答辩状。"
            ),
        ),
        reasons=["Identifying details"],
        note="BigBox Retail is your customer and names you; the X9 model too.",
    ),
    ReportSpec(
        "meijia-ptab",
        MAIN,
        "admin@meijia-appliances.example",
        ReportStatus.PUBLISHED,
        _case(
            kind="ptab",
            forum="ptab",
            plaintiff_name="Keystone Licensing, L.L.C.",
            law_firm="Summit Ridge IP Counsel LLP",
            patents=["U.S. Pat. No. 9,876,543"],
            product_category="home",
            industry=Industry.MANUFACTURING,
            filed_on=date(2026, 3, 3),
            stage="trial",
            defense_cost=Decimal("220000"),
            docket_number="IPR2026-00412",
            extra_redactions=["美佳家电"],  # what the company calls itself, which its profile does not list
            narrative=(
                "After Keystone Licensing asserted US 9,876,543 against the MEIJIAHOME smart kettle, Zhongshan Meijia "
                "Household Appliances Co., Ltd. petitioned for inter partes review. The PTAB instituted trial in "
                "September 2026 and the district case is stayed.\n\n美佳家电愿意与其他被告分担专家证人费用。"
            ),
        ),
    ),
    ReportSpec(
        "hengtai-customs",
        MAIN,
        "admin@hengtai-hardware.example",
        ReportStatus.SUBMITTED,
        _case(
            kind="customs",
            forum="cbp",
            plaintiff_name="Granite Tool Works Corp.",
            patents=["D987,654"],
            product_category="tools",
            industry=Industry.MANUFACTURING,
            notice_received_on=date(2026, 9, 15),
            stage="notice",
            defense_cost=Decimal("8000"),
            narrative=(
                "佛山恒泰五金的一批HENGTAI电钻钻头（3,200件）在洛杉矶港被美国海关扣留，理由是涉嫌侵犯Granite Tool "
                "Works的外观设计专利。我们已提交裁定请求（ruling request），货值约4万美元。"
            ),
        ),
    ),
    ReportSpec(
        "lanhai-platform",
        MAIN,
        "admin@lanhai-ecom.example",
        ReportStatus.PUBLISHED,
        _case(
            kind="platform",
            forum="amazon",
            plaintiff_name="Orchid Pet Brands Ltd.",
            trademarks=["5,123,456"],
            product_category="pets",
            industry=Industry.RETAIL,
            notice_received_on=date(2026, 10, 2),
            stage="closed",
            outcome="withdrawn",
            store_names=["BlueSea Pet Supplies"],
            listing_ids=["B0BLUE0042"],
            narrative=(
                "Amazon removed 14 listings of BlueSea Pet Supplies after Orchid Pet Brands complained about the "
                "word “orchid” in our cat tree titles. Shenzhen Lanhai E-Commerce Co., Ltd. sent a counter-notice "
                "showing the word was descriptive; the complaint was retracted within ten days.\n\n"
                "蓝海电商提醒各位：收到投诉后先核对对方商标的注册类别。"
            ),
        ),
    ),
    ReportSpec(
        "yuntu-letter",
        MAIN,
        "admin@yuntu-trade.example",
        ReportStatus.DRAFT,
        _case(
            kind="letter",
            forum="none",
            plaintiff_name="Beacon IP Holdings LLC",
            law_firm="Redfield & Marsh LLP",
            patents=["10,555,123"],
            product_category="home",
            industry=Industry.RETAIL,
            notice_received_on=date(2026, 11, 3),
            stage="notice",
            store_names=["YuntuHome"],
            narrative=(
                "Beacon IP Holdings wrote to Yuntu Trade (our YuntuHome store) claiming that the collapsible laundry "
                "baskets infringe US 10,555,123, and offers a licence at 5% of sales. 云途跨境尚未回复。"
            ),
        ),
    ),
    ReportSpec(
        "anyuan-district",
        OTHER,
        "admin@anyuan-electric.example",
        ReportStatus.PUBLISHED,
        _case(
            kind="district_patent",
            forum="ded",
            plaintiff_name="Halcyon Appliance Innovations, Inc.",
            patents=["11,045,221"],
            product_category="home",
            industry=Industry.MANUFACTURING,
            filed_on=date(2026, 4, 21),
            served_on=date(2026, 5, 2),
            response_due_on=date(2026, 5, 23),
            stage="discovery",
            damages_claimed=Decimal("2000000"),
            docket_number="1:26-cv-00518",
            narrative=(
                "Cixi Anyuan Electric Appliance Co., Ltd. was sued in the District of Delaware over ANYUAN air "
                "fryers. 安源电器正在与其他宁波出口商协调共同抗辩。"
            ),
        ),
    ),
]


@dataclass(frozen=True)
class CaseFactsSpec:
    """What a company enters about its own case to get its response deadlines (sharing.deadlines)."""

    report: str  # the ReportSpec key
    reporter: str
    served_days_ago: int  # relative to the day of seeding, so the demo always shows a deadline ahead
    method: str


# Lianxun was served by e-mail under a court order (Rule 4(f)(3)), as Schedule A defendants abroad usually are.
CASE_FACTS = [CaseFactsSpec("lianxun-schedule-a", "admin@lianxun-mobile.example", 12, "court_ordered")]

# (who, what, value): a member watching the plaintiff that hit the company, and the forum of most Schedule A cases.
WATCHES = [
    ("member@lianxun-mobile.example", "plaintiff", "Aurora Lumen Designs"),
    ("member@lianxun-mobile.example", "forum", "ilnd"),
]

# Who to sign in as, to see each role (printed by seed_demo and listed in the README).
SIGN_INS = [
    (_("Association admin"), "admin@sccea.example", _("Members, the pending application, roles, partners, audit log")),
    (
        _("Association moderator"),
        "moderator@yuntu-trade.example",
        _("SCCEA as moderator (the report moderation queue), and their own company"),
    ),
    (_("Company admin"), "admin@lianxun-mobile.example", _("Their company's profile, colleagues and invitations")),
    (_("Company member"), "member@lianxun-mobile.example", _("SCCEA as an ordinary member of a company")),
    (
        _("External counsel"),
        "counsel@harbor-pine-law.example",
        _("SCCEA as counsel, without a company: Harbor & Pine's entry in the counsel directory and its reviews"),
    ),
    (_("Member of two associations"), "admin@ruifeng-molding.example", _("Both associations, in the switcher")),
    (_("Pending applicant"), "admin@qiaomu-outdoor.example", _("No association yet: the application awaits")),
    (_("Suspended member"), "admin@yinxiang-audio.example", _("No association: the membership is suspended")),
    (_("Other association's admin"), "admin@nsaea.example", _("Only NSAEA: SCCEA answers 404")),
]
