"""Word lists for the demo site: merchants, products, people and places that look real."""

from __future__ import annotations

MERCHANTS = [
    ("1001", "优品生活旗舰店", "Youpin Living", False),
    ("1002", "鲜果时光食品专营店", "Fresh Hours Foods", True),
    ("1003", "数码星球官方店", "Digital Planet", False),
    ("1004", "萌宝母婴馆", "Little Sprout Baby", False),
    ("1005", "清风美妆个护", "Breeze Beauty", False),
]

# (Chinese name, English name, weight kg, (l, w, h) mm, fragile, high value, shelf-life days)
PRODUCTS: dict[str, list[tuple[str, str, float, tuple[int, int, int], bool, bool, int | None]]] = {
    "1001": [
        ("不锈钢保温杯", "Stainless vacuum flask", 0.35, (80, 80, 240), False, False, None),
        ("陶瓷马克杯", "Ceramic mug", 0.40, (120, 90, 100), True, False, None),
        ("纯棉毛巾", "Cotton towel", 0.15, (300, 150, 40), False, False, None),
        ("玻璃密封罐", "Glass storage jar", 0.60, (110, 110, 160), True, False, None),
        ("收纳盒", "Storage box", 0.50, (300, 200, 150), False, False, None),
        ("竹制砧板", "Bamboo chopping board", 0.90, (380, 260, 20), False, False, None),
    ],
    "1002": [
        ("坚果礼盒", "Mixed nuts gift box", 1.20, (300, 220, 80), False, False, 180),
        ("芒果干", "Dried mango", 0.25, (180, 120, 40), False, False, 270),
        ("挂耳咖啡", "Drip coffee bags", 0.30, (160, 110, 70), False, False, 365),
        ("红枣", "Red dates", 0.50, (200, 140, 60), False, False, 240),
        ("蜂蜜", "Honey", 0.65, (90, 90, 150), True, False, 730),
        ("乌龙茶", "Oolong tea", 0.25, (120, 80, 160), False, False, 540),
    ],
    "1003": [
        ("蓝牙耳机", "Bluetooth earbuds", 0.12, (90, 70, 40), False, True, None),
        ("充电宝", "Power bank", 0.30, (150, 75, 25), False, False, None),
        ("数据线", "USB-C cable", 0.05, (120, 80, 20), False, False, None),
        ("智能手表", "Smart watch", 0.20, (110, 110, 80), True, True, None),
        ("机械键盘", "Mechanical keyboard", 1.10, (460, 160, 50), False, False, None),
        ("无线鼠标", "Wireless mouse", 0.10, (120, 70, 45), False, False, None),
    ],
    "1004": [
        ("婴儿纸尿裤", "Baby diapers", 1.80, (380, 250, 200), False, False, 1095),
        ("奶瓶", "Baby bottle", 0.15, (80, 80, 200), True, False, None),
        ("婴儿湿巾", "Baby wipes", 0.45, (200, 110, 70), False, False, 730),
        ("儿童牙刷", "Kids toothbrush", 0.03, (200, 30, 20), False, False, None),
        ("婴儿米粉", "Baby rice cereal", 0.40, (150, 90, 190), False, False, 540),
        ("安抚玩偶", "Comfort plush toy", 0.25, (250, 150, 120), False, False, None),
    ],
    "1005": [
        ("保湿面霜", "Moisturising cream", 0.15, (70, 70, 60), True, False, 1095),
        ("洗面奶", "Facial cleanser", 0.18, (50, 40, 170), False, False, 1095),
        ("口红", "Lipstick", 0.03, (25, 25, 90), False, True, 1095),
        ("防晒霜", "Sunscreen", 0.10, (45, 35, 150), False, False, 1095),
        ("洗发水", "Shampoo", 0.80, (90, 60, 230), False, False, 1095),
        ("面膜", "Sheet masks", 0.20, (190, 130, 30), False, False, 1095),
    ],
}

VARIANTS = [
    ("白色", "white"),
    ("黑色", "black"),
    ("灰色", "grey"),
    ("蓝色", "blue"),
    ("粉色", "pink"),
    ("绿色", "green"),
    ("小号", "small"),
    ("中号", "medium"),
    ("大号", "large"),
    ("经典款", "classic"),
    ("升级款", "plus"),
    ("礼盒装", "gift pack"),
    ("家庭装", "family pack"),
    ("旅行装", "travel size"),
    ("限定款", "limited"),
    ("基础款", "basic"),
    ("两件装", "2-pack"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬浩宇子轩欣怡梓涵一诺思远佳琪"

# (province, city, district, postcode prefix)
PLACES = [
    ("北京市", "北京市", "朝阳区", "100"),
    ("北京市", "北京市", "海淀区", "100"),
    ("上海市", "上海市", "浦东新区", "200"),
    ("上海市", "上海市", "徐汇区", "200"),
    ("广东省", "广州市", "天河区", "510"),
    ("广东省", "深圳市", "南山区", "518"),
    ("广东省", "深圳市", "福田区", "518"),
    ("浙江省", "杭州市", "西湖区", "310"),
    ("浙江省", "宁波市", "鄞州区", "315"),
    ("江苏省", "南京市", "鼓楼区", "210"),
    ("江苏省", "苏州市", "工业园区", "215"),
    ("四川省", "成都市", "武侯区", "610"),
    ("湖北省", "武汉市", "洪山区", "430"),
    ("陕西省", "西安市", "雁塔区", "710"),
    ("山东省", "青岛市", "市南区", "266"),
    ("福建省", "厦门市", "思明区", "361"),
    ("湖南省", "长沙市", "岳麓区", "410"),
    ("天津市", "天津市", "南开区", "300"),
    ("重庆市", "重庆市", "渝中区", "400"),
    ("河南省", "郑州市", "金水区", "450"),
]
STREETS = [
    "建国路",
    "人民路",
    "中山路",
    "解放路",
    "长江路",
    "学院路",
    "科技园路",
    "滨江大道",
    "文三路",
    "南京路",
    "花园街",
    "和平里",
    "新华街",
    "幸福路",
    "东风路",
]
BUILDINGS = ["小区", "花园", "公寓", "大厦", "家园", "苑"]
BUYER_NOTES = [
    "",
    "",
    "",
    "请尽快发货",
    "周末送货",
    "放快递柜",
    "送人的礼物，不要放发票",
    "请轻拿轻放",
]
