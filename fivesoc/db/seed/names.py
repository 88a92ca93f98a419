"""Made-up Chinese personal names for demo people, the same on every run."""

from __future__ import annotations

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "静敏丽婷雪芳娟霞燕红梅玲兰萍华军伟强磊洋勇杰涛明超刚平辉鹏斌宇浩凯健俊帆帅旭宁晨阳欣悦佳琳怡晓颖慧莉琴"


def fictional_name(index: int) -> str:
    """The `index`-th made-up name: a surname and a one- or two-character given name."""
    surname = SURNAMES[index % len(SURNAMES)]
    first = GIVEN[(index * 7) % len(GIVEN)]
    if index % 3 == 0:
        return surname + first
    return surname + first + GIVEN[(index * 13 + 5) % len(GIVEN)]
