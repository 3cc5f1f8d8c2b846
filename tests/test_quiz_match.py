"""Key-point matching on words: Chinese segmented, negation compared, alternatives and typos allowed."""

import pytest

from drill.quiz.match import covered

PAIRS = [
    # (key point, answer, covered?)
    ("不减去均值", "我不减这个值", False),                       # the false positive: other words
    ("不减去均值", "需要减去均值", False),                       # the same words, the opposite claim
    ("不减去均值", "RMSNorm 不减去均值，只除以均方根", True),
    ("不减去均值", "它没有减去均值这一步", True),
    ("顺序不敏感", "因为注意力对顺序不敏感", True),
    ("顺序不敏感", "注意力对顺序很敏感", False),
    ("自注意力对输入顺序不敏感", "self-attention 本身对顺序不敏感，所以要加位置编码", True),
    ("缓存过去token的键和值", "把之前所有 token 的 K 和 V 缓存起来，也就是键和值", True),
    ("缓存过去token的键和值", "缓存查询向量", False),
    ("用显存换计算", "本质上是拿显存换计算量", True),
    ("用显存换计算", "计算量变大了", False),
    ("旋转位置编码 / RoPE", "Llama 用的是 RoPE", True),
    ("旋转位置编码 | RoPE", "用旋转位置编码", True),
    ("旋转位置编码 / RoPE", "用 ALiBi 的线性偏置", False),
    ("无需训练，可以外推", "正弦编码不需要训练，还能外推到更长的序列", True),
    ("门控线性单元", "SwiGLU 是带门控的线性单元", True),
    ("门控线性单元", "就是一个普通的两层 MLP", False),
    ("点积方差随维度增大", "维度越大，点积的方差就越大", True),
    ("点积方差随维度增大", "维度越大，计算越慢", False),
    ("softmax 饱和，梯度变小", "不缩放的话 softmax 会饱和，梯度很小", True),
    ("softmax 饱和，梯度变小", "softmax 输出是概率分布", False),
    ("KV cache 只缓存键和值，不缓存查询", "只缓存键和值，查询不用缓存，因为每步只有新 token 的查询", True),
    ("参数量不变", "总参数量和单个大头一样，保持不变", True),
    ("参数量不变", "参数量翻倍了", False),
    ("LoRA 训练低秩矩阵，冻结原权重", "把原来的权重冻住，只训练两个低秩的小矩阵", True),
    ("LoRA 训练低秩矩阵，冻结原权重", "全量微调所有权重", False),
    ("softmax saturates without scaling", "without the scale, softmax saturated", True),
    ("softmax saturates without scaling", "with scaling softmax saturates less", False),
    ("variance of dot products grows with d", "the varaince of the dot product grows with dimension d", True),
    ("variance of dot products grows with d", "it is about memory bandwidth", False),
    ("keys and values of past tokens", "we cache keys and values", True),
    ("not queries", "queries are not cached", True),
    ("not queries", "we cache the queries", False),
    ("SiLU gate", "a swish gated branch", True),
    ("anything at all", "", False),
]


@pytest.mark.parametrize("point,answer,expected", PAIRS)
def test_answer_covers_key_point(point, answer, expected):
    assert covered(point, answer) is expected


def test_long_runs_of_spaces_match_in_linear_time():
    # a quadratic alternatives pattern would take minutes here: the test would hang, not pass
    spaces = " " * 200_000
    assert covered(f"softmax{spaces}saturates", "softmax saturates")
    assert not covered("a / b", f"c{spaces}d")
