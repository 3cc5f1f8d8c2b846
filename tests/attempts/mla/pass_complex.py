# pass: DeepSeek's style: RoPE by view_as_complex and a polar frequency table, einsum attention
import torch
import torch.nn as nn
import torch.nn.functional as F


class LatentNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, c):
        return self.weight * (c / torch.sqrt(c.square().mean(-1, keepdim=True) + self.eps))


def rotary(x, freqs_cis):
    # x (B, T, h, d), freqs_cis (T, d/2) complex
    xc = torch.view_as_complex(x.reshape(*x.shape[:-1], -1, 2).clone())   # clone: a split can leave an odd storage offset
    out = torch.view_as_real(xc * freqs_cis[None, :, None, :])
    return out.flatten(3)


class MultiHeadLatentAttention(nn.Module):
    def __init__(self, d_model, num_heads, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim,
                 rope_base=10000.0, eps=1e-6):
        super().__init__()
        self.n_heads = num_heads
        self.nope, self.rope, self.vdim, self.rank = qk_nope_head_dim, qk_rope_head_dim, v_head_dim, kv_lora_rank
        self.base = rope_base
        self.q_proj = nn.Linear(d_model, num_heads * (qk_nope_head_dim + qk_rope_head_dim), bias=False)
        self.kv_down_proj = nn.Linear(d_model, kv_lora_rank + qk_rope_head_dim, bias=False)
        self.kv_norm = LatentNorm(kv_lora_rank, eps)
        self.kv_up_proj = nn.Linear(kv_lora_rank, num_heads * (qk_nope_head_dim + v_head_dim), bias=False)
        self.o_proj = nn.Linear(num_heads * v_head_dim, d_model, bias=False)
        self.softmax_scale = (qk_nope_head_dim + qk_rope_head_dim) ** -0.5

    def forward(self, x, positions):
        bsz, seqlen, _ = x.shape
        h = self.n_heads
        inv = 1.0 / (self.base ** (torch.arange(0, self.rope, 2, dtype=torch.float64) / self.rope))
        ang = torch.outer(positions.to(torch.float64), inv)
        cdt = torch.complex128 if x.dtype == torch.float64 else torch.complex64
        freqs_cis = torch.polar(torch.ones_like(ang), ang).to(cdt)

        q = self.q_proj(x).view(bsz, seqlen, h, self.nope + self.rope)
        q_nope, q_pe = torch.split(q, [self.nope, self.rope], dim=-1)
        q_pe = rotary(q_pe, freqs_cis)
        kv = self.kv_down_proj(x)
        latent, k_pe = torch.split(kv, [self.rank, self.rope], dim=-1)
        k_pe = rotary(k_pe.unsqueeze(2), freqs_cis)
        kv = self.kv_up_proj(self.kv_norm(latent)).view(bsz, seqlen, h, self.nope + self.vdim)
        k_nope, v = torch.split(kv, [self.nope, self.vdim], dim=-1)
        scores = (torch.einsum("bshd,bthd->bsht", q_nope, k_nope)
                  + torch.einsum("bshr,btr->bsht", q_pe, k_pe.squeeze(2))) * self.softmax_scale
        mask = torch.full((seqlen, seqlen), float("-inf")).triu_(1)
        scores = scores + mask[:, None, :].to(scores.dtype)
        probs = F.softmax(scores, dim=-1)
        out = torch.einsum("bsht,bthd->bshd", probs, v)
        return self.o_proj(out.flatten(2))
