"""The demo's translations (languages.demo): source text → translation, written by hand for the first demo hub."""

HUB_NAME = "港南区地域子育て支援拠点 はっち"
FICTIONAL_PLACE = "（架空の場所）"

HOME = {
    "en": {
        HUB_NAME: "Konan Ward Family Support Centre Hatchi",
        "妊娠中から就学前までの親子が、いつでも気軽に立ち寄れる場所です。": (
            "A place where parents and children, from pregnancy until school age, can drop in at any time."
        ),
    },
    "zh-hans": {
        HUB_NAME: "港南区地区育儿支援据点 HATCHI",
        "妊娠中から就学前までの親子が、いつでも気軽に立ち寄れる場所です。": (
            "从怀孕到上小学前的亲子，随时都可以轻松来坐坐的地方。"
        ),
    },
}
SECTIONS = {
    "en": {
        "地域の子育て情報": "Places for families in the ward",
        "近くの子育てサロン、ケアプラザ、つどいの広場、公園などを探せます。": (
            "Find parent and baby groups, community care centres, drop-in playrooms, parks and more near you."
        ),
    },
    "zh-hans": {
        "地域の子育て情報": "本地育儿信息",
        "近くの子育てサロン、ケアプラザ、つどいの広場、公園などを探せます。": (
            "可以查找附近的育儿沙龙、社区关怀中心、亲子广场、公园等。"
        ),
    },
}
CATEGORIES = {
    "en": {
        "hub": "Family support centre",
        "tsudoi": "Drop-in playroom",
        "salon": "Parent and baby group",
        "circle": "Parent-run circle",
        "care-plaza": "Community care centre",
        "nursery": "Nursery open day and parenting class",
        "library": "Library story time",
        "park": "Park",
        "jidokan": "Children's centre",
        "clinic": "Clinic",
        "consultation": "Advice service",
    },
    "zh-hans": {
        "hub": "地区育儿支援据点",
        "tsudoi": "亲子聚会广场",
        "salon": "育儿沙龙",
        "circle": "育儿小组",
        "care-plaza": "社区关怀中心",
        "nursery": "保育园开放日・育儿讲座",
        "library": "图书馆故事会",
        "park": "公园",
        "jidokan": "儿童馆・儿童木屋",
        "clinic": "医疗机构",
        "consultation": "咨询窗口",
    },
}
AREAS = {
    "en": {
        "上大岡": "Kamiōoka",
        "港南中央": "Kōnan-chūō",
        "上永谷": "Kaminagaya",
        "日野": "Hino",
        "港南台": "Kōnandai",
        "野庭": "Noba",
    },
    "zh-hans": {
        "上大岡": "上大冈",
        "港南中央": "港南中央",
        "上永谷": "上永谷",
        "日野": "日野",
        "港南台": "港南台",
        "野庭": "野庭",
    },
}
# Text every demo listing shares.
COMMON = {
    "en": {
        "（架空）港南区の子育て支援団体": "(Invented) Konan Ward family support group",
        "電話で予約": "Book by phone",
        "日本語": "Japanese",
        "無料": "Free",
    },
    "zh-hans": {
        "（架空）港南区の子育て支援団体": "（虚构）港南区育儿支援团体",
        "電話で予約": "电话预约",
        "日本語": "日语",
        "無料": "免费",
    },
}
# Summary and address, from the area's and the category's names: "{area}にある{category}です（架空の場所）。"
SUMMARY = {"en": "A {category} in {area} (an invented place).", "zh-hans": "位于{area}的{category}（虚构的场所）。"}
ADDRESS = {"en": "{area}, Kōnan Ward, Yokohama (invented address)", "zh-hans": "横滨市港南区{area}（虚构的地址）"}
LISTINGS = {
    "en": {
        HUB_NAME: HOME["en"][HUB_NAME],
        "はっち サテライト（港南台）": "Hatchi satellite (Kōnandai)",
        "出張はっち 日野": "Hatchi on tour: Hino",
        "子育てサロン ひよこ": "Hiyoko parent and baby group",
        "子育てサロン どんぐり": "Donguri parent and baby group",
    },
    "zh-hans": {
        HUB_NAME: HOME["zh-hans"][HUB_NAME],
        "はっち サテライト（港南台）": "HATCHI 卫星点（港南台）",
        "出張はっち 日野": "HATCHI 流动站・日野",
        "子育てサロン ひよこ": "育儿沙龙 小鸡",
        "子育てサロン どんぐり": "育儿沙龙 橡果",
    },
}
# やさしい日本語: the hub itself (a ひろば), in short sentences with common words.
EASY_LISTINGS = {
    HUB_NAME: {
        HUB_NAME: "こうなんく の 子育て ひろば「はっち」",
        "港南中央にある地域子育て支援拠点です（架空の場所）。": (
            "港南中央に ある、子どもと 親が 来て 遊べる ところです。"
            "予約は いりません。お金は かかりません。（本当には ない 場所です）"
        ),
        "横浜市港南区港南中央（架空の住所）": "横浜市 港南区 港南中央（本当には ない 住所です）",
    },
}
