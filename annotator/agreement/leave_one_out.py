"""Which coder lowers alpha: alpha recomputed without each coder, and alpha of
every pair of coders. Each is an exact recomputation by the alpha engine on the
reduced matrix (no jackknife approximation): the expected disagreement changes
with the values left out, so only a recomputation is exact."""

from __future__ import annotations

from typing import Any

import numpy as np

from annotator.agreement.alpha import AlphaResult, alpha_from_codes


def alphas_without_each(
    codes: np.ndarray, categories: tuple[Any, ...], *, level: str = "nominal"
) -> list[AlphaResult]:
    """Alpha of ``codes`` (units x coders, -1 missing) with coder c left out, for each c."""
    codes = np.asarray(codes)
    return [
        alpha_from_codes(np.delete(codes, c, axis=1), categories, level=level) for c in range(codes.shape[1])
    ]


def pairwise_alphas(
    codes: np.ndarray, categories: tuple[Any, ...], *, level: str = "nominal"
) -> dict[tuple[int, int], AlphaResult]:
    """Alpha of each pair of coders (i < j) on the units both coded."""
    codes = np.asarray(codes)
    n = codes.shape[1]
    return {
        (i, j): alpha_from_codes(codes[:, [i, j]], categories, level=level)
        for i in range(n)
        for j in range(i + 1, n)
    }
