"""The demo world: two associations, their member companies, one person per role, a partner with an API key.

Everything here is fictional: names, trademarks and stores are invented, domains use the reserved `.example`
TLD, and any resemblance to a real company is a coincidence.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from accounts.models import ApiScope
from demo.credentials import MAIN, OTHER
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

# Who to sign in as, to see each role (printed by seed_demo and listed in the README).
SIGN_INS = [
    (_("Association admin"), "admin@sccea.example", _("Members, the pending application, roles, partners, audit log")),
    (
        _("Association moderator"),
        "moderator@yuntu-trade.example",
        _("SCCEA as moderator (the moderation queue comes with reports), and their own company"),
    ),
    (_("Company admin"), "admin@lianxun-mobile.example", _("Their company's profile, colleagues and invitations")),
    (_("Company member"), "member@lianxun-mobile.example", _("SCCEA as an ordinary member of a company")),
    (_("External counsel"), "counsel@harbor-pine-law.example", _("SCCEA as counsel, without a company")),
    (_("Member of two associations"), "admin@ruifeng-molding.example", _("Both associations, in the switcher")),
    (_("Pending applicant"), "admin@qiaomu-outdoor.example", _("No association yet: the application awaits")),
    (_("Suspended member"), "admin@yinxiang-audio.example", _("No association: the membership is suspended")),
    (_("Other association's admin"), "admin@nsaea.example", _("Only NSAEA: SCCEA answers 404")),
]
