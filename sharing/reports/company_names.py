"""The shorter names a company goes by in prose, derived from its registered name.

A Chinese registered name is region + trade name (字号) + line of business + legal form: 浙江羽笔户外用品有限公司
is called 羽笔户外 or 羽笔 in a narrative, and "Zhejiang Quillfeather Outdoor Gear Co., Ltd." is called
Quillfeather. Redacting only the registered name would let those through, so every shorter form down to the
trade name is an identity term too. Over-redacting a common word is the safe failure.
"""

import re

from sharing.plaintiffs.names import normalize_party_name

_REGIONS_ZH = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
    "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "深圳", "广州", "东莞", "佛山", "中山",
    "珠海", "惠州", "汕头", "杭州", "宁波", "温州", "义乌", "金华", "台州", "绍兴", "嘉兴", "湖州", "苏州",
    "无锡", "常州", "南京", "南通", "厦门", "泉州", "福州", "青岛", "济南", "烟台", "潍坊", "郑州", "武汉",
    "长沙", "成都", "西安", "合肥", "大连", "沈阳", "天津滨海", "慈溪", "余姚", "永康", "晋江", "莆田",
)  # fmt: skip
_REGIONS_EN = {
    "beijing", "tianjin", "shanghai", "chongqing", "hebei", "shanxi", "liaoning", "jilin", "heilongjiang",
    "jiangsu", "zhejiang", "anhui", "fujian", "jiangxi", "shandong", "henan", "hubei", "hunan", "guangdong",
    "hainan", "sichuan", "guizhou", "yunnan", "shaanxi", "gansu", "qinghai", "taiwan", "guangxi", "ningxia",
    "xinjiang", "hong", "kong", "hongkong", "macau", "shenzhen", "guangzhou", "dongguan", "foshan", "zhongshan",
    "zhuhai", "huizhou", "shantou", "hangzhou", "ningbo", "wenzhou", "yiwu", "jinhua", "taizhou", "shaoxing",
    "jiaxing", "huzhou", "suzhou", "wuxi", "changzhou", "nanjing", "nantong", "xiamen", "quanzhou", "fuzhou",
    "qingdao", "jinan", "yantai", "weifang", "zhengzhou", "wuhan", "changsha", "chengdu", "xian", "hefei",
    "dalian", "shenyang", "cixi", "yuyao", "yongkang", "jinjiang", "putian", "china",
}  # fmt: skip
_ADMINISTRATIVE_ZH = ("省", "市", "区", "县")
_BUSINESS_ZH = (
    "科技", "技术", "电子", "电器", "电气", "实业", "贸易", "商贸", "进出口", "国际", "工贸", "制造", "智能",
    "信息", "网络", "数码", "照明", "光电", "户外", "用品", "家居", "家具", "日用", "家用", "家电", "服饰",
    "服装", "玩具",
    "五金", "工具", "机械", "设备", "汽车", "配件", "新能源", "能源", "包装", "材料", "塑料", "礼品", "工艺",
    "电商", "电子商务", "供应链", "品牌", "管理", "发展", "投资", "控股", "生物", "医疗", "器械", "运动", "宠物",
)  # fmt: skip
_BUSINESS_EN = {
    "technology", "technologies", "tech", "electronics", "electronic", "electric", "electrical", "industrial",
    "industry", "industries", "trading", "trade", "import", "export", "international", "intl", "manufacturing",
    "smart", "intelligent", "information", "network", "digital", "lighting", "optoelectronics", "outdoor", "gear",
    "products", "product", "home", "household", "furniture", "apparel", "garment", "toys", "toy", "hardware",
    "tools", "machinery", "equipment", "auto", "parts", "energy", "packaging", "materials", "plastic", "gifts",
    "crafts", "ecommerce", "e-commerce", "commerce", "supply", "chain", "brand", "management", "development",
    "investment", "holdings", "holding", "group", "biotech", "medical", "sports", "pet", "science", "sci",
    "and", "&",
}  # fmt: skip
_CJK = re.compile(r"[\u3400-\u9fff]")


def short_names(name: str) -> list[str]:
    """Every shorter form of a registered company name down to its trade name, longest first."""
    core = normalize_party_name(name)
    if not core:
        return []
    forms = _chinese_forms(core) if _CJK.search(core) else _latin_forms(core)
    return [form for form in dict.fromkeys(forms) if len(form) >= 2]


def _chinese_forms(core: str) -> list[str]:
    forms = [core]
    text = core.replace(" ", "")
    stripped = True
    while stripped:  # 浙江省杭州市… loses every leading region
        stripped = False
        for region in sorted(_REGIONS_ZH, key=len, reverse=True):
            if text.startswith(region) and len(text) > len(region) + 1:
                text = text[len(region) :]
                text = text[1:] if text[:1] in _ADMINISTRATIVE_ZH else text
                stripped = True
                break
    forms.append(text)
    stripped = True
    while stripped:  # …户外用品 loses every trailing line of business, down to the trade name
        stripped = False
        for business in sorted(_BUSINESS_ZH, key=len, reverse=True):
            if text.endswith(business) and len(text) > len(business) + 1:
                text = text[: -len(business)]
                forms.append(text)
                stripped = True
                break
    return forms


def _latin_forms(core: str) -> list[str]:
    words = core.split()
    forms = [" ".join(words)]
    while len(words) > 1 and words[0] in _REGIONS_EN:
        words = words[1:]
    forms.append(" ".join(words))
    while len(words) > 1 and words[-1] in _BUSINESS_EN:
        words = words[:-1]
        forms.append(" ".join(words))
    return forms
