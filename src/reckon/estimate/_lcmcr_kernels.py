"""numba kernels of the LCMCR Gibbs sampler (Manrique-Vallier 2016), on the table of pattern counts.

One sweep, in the order of the reference implementation (R package LCMCR, ``CNPLCM_CR_Basic_Freq``):

1. allocate each observed pattern's count to the ``K`` latent classes (multinomial, probabilities
   ``nu_k prod_j lambda_jk^x_j (1 - lambda_jk)^(1 - x_j)``);
2. ``lambda_jk ~ Beta(1 + ones_jk, 1 + zeros_jk)`` counting observed and imputed unobserved people;
3. stick-breaking weights ``V_k ~ Beta(1 + n_k, alpha + sum_{l > k} n_l)``, drawn on the log scale;
4. ``n0 ~ NegBin(n, 1 - p0)`` with ``p0 = sum_k nu_k prod_j (1 - lambda_jk)`` (prior ``p(N) ∝ 1/N``);
5. allocate the ``n0`` unobserved to classes (multinomial);
6. ``alpha ~ Gamma(a_alpha + K - 1, rate b_alpha - log nu_K)``.

All draws come from the ``numpy.random.Generator`` passed in, so a seed reproduces a chain exactly.
The kernels release the GIL: chains run in parallel threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# cells with at most this many individuals are allocated one individual at a time
SMALL_CELL = 30


@njit(cache=True, nogil=True)
def _log_gamma_draw(rng, shape):
    """log of a Gamma(shape, 1) draw, safe for tiny shapes: log G(a) = log G(a + 1) + log(U) / a."""
    if shape < 1.0:
        g = rng.standard_gamma(shape + 1.0)
        u = rng.random()
        while u <= 0.0:
            u = rng.random()
        return np.log(g) + np.log(u) / shape
    return np.log(rng.standard_gamma(shape))


@njit(cache=True, nogil=True)
def _beta_counts(rng, ones, zeros):
    """Beta(1 + ones, 1 + zeros) for counts >= 0, with cheap exact draws when a count is zero:
    Beta(1, 1) is uniform, Beta(1, b) is 1 - U**(1/b), Beta(a, 1) is U**(1/a)."""
    if ones == 0:
        if zeros == 0:
            return rng.random()
        return 1.0 - rng.random() ** (1.0 / (1.0 + zeros))
    if zeros == 0:
        return rng.random() ** (1.0 / (1.0 + ones))
    return rng.beta(1.0 + ones, 1.0 + zeros)


@njit(cache=True, nogil=True)
def _sort_desc(probs, K, order):
    """``order`` = class indices by decreasing ``probs`` (insertion sort: K is small)."""
    for k in range(K):
        order[k] = k
    for a in range(1, K):
        key = order[a]
        b = a - 1
        while b >= 0 and probs[order[b]] < probs[key]:
            order[b + 1] = order[b]
            b -= 1
        order[b + 1] = key


@njit(cache=True, nogil=True)
def _sorted_multinomial(rng, n, probs, K, total, order, out):
    """Write a Multinomial(n, probs / total) draw into ``out`` (``probs`` unnormalised, ``total`` their
    sum): sequential conditional binomials, most probable classes first, so the count is used up after
    few draws."""
    _sort_desc(probs, K, order)
    for k in range(K):
        out[k] = 0
    remaining = n
    rest = total
    for i in range(K):
        if remaining == 0:
            break
        k = order[i]
        pk = probs[k]
        if i == K - 1 or rest <= pk:
            x = remaining
        elif pk <= 0.0:
            x = 0
        else:
            x = rng.binomial(remaining, pk / rest)
        rest -= pk
        out[k] = x
        remaining -= x


@njit(cache=True, nogil=True)
def _sweep(rng, cells, freq, n, K, J, lam, nu, log_nu, alpha, a_alpha, b_alpha, sample_alpha,
           ones, countK, count0K, probs, order, alloc, swaps):
    """One Gibbs sweep; updates ``lam``, ``nu``, ``log_nu``, ``count0K`` in place and returns
    ``(n0, alpha, prob_zero, k_star)``."""
    M = cells.shape[0]
    # 1. allocation of observed patterns to classes
    for k in range(K):
        countK[k] = count0K[k]
        for j in range(J):
            ones[j, k] = 0
    for m in range(M):
        f = freq[m]
        total = 0.0
        for k in range(K):
            p = nu[k]
            for j in range(J):
                if cells[m, j] == 1:
                    p *= lam[j, k]
                else:
                    p *= 1.0 - lam[j, k]
            probs[k] = p
            total += p
        for k in range(K):
            alloc[k] = 0
        if f <= SMALL_CELL:
            # a few individuals: one categorical draw each is cheaper than K binomials
            for _ in range(f):
                u = rng.random() * total
                z = K - 1
                acc = 0.0
                for k in range(K):
                    acc += probs[k]
                    if u < acc:
                        z = k
                        break
                alloc[z] += 1
        else:
            # sequential binomials, most probable classes first: the count is used up sooner
            _sorted_multinomial(rng, f, probs, K, total, order, alloc)
        for k in range(K):
            x = alloc[k]
            if x > 0:
                countK[k] += x
                for j in range(J):
                    if cells[m, j] == 1:
                        ones[j, k] += x
    # 1b. optional label-swap moves (Hastie, Liverani & Richardson 2015, move 1): exchange the members of
    # two classes, weights fixed, accepted with probability min(1, (nu_k / nu_h) ** (n_h - n_k)). The
    # stick-breaking prior is not exchangeable, so without them a chain keeps the labelling it starts in.
    for _ in range(swaps):
        k = int(rng.random() * K)
        h = int(rng.random() * K)
        if k == h or k >= K or h >= K or countK[k] == countK[h]:
            continue
        logr = (countK[h] - countK[k]) * (log_nu[k] - log_nu[h])
        if logr >= 0.0 or np.log(rng.random()) < logr:
            tmp = countK[k]
            countK[k] = countK[h]
            countK[h] = tmp
            for j in range(J):
                tmp = ones[j, k]
                ones[j, k] = ones[j, h]
                ones[j, h] = tmp
    # 2. item response probabilities
    for j in range(J):
        for k in range(K):
            lam[j, k] = _beta_counts(rng, ones[j, k], countK[k] - ones[j, k])
    # 3. stick-breaking weights
    n0_old = 0
    for k in range(K):
        n0_old += count0K[k]
    acc_n = 0
    l_acc = 0.0
    k_star = 0
    for k in range(K):
        if countK[k] > 0:
            k_star += 1
    for k in range(K - 1):
        acc_n += countK[k]
        a = 1.0 + countK[k]
        b = alpha + (n0_old + n - acc_n)
        lg1 = _log_gamma_draw(rng, a)
        lg2 = _log_gamma_draw(rng, b)
        mx = lg1 if lg1 > lg2 else lg2
        ls = mx + np.log(np.exp(lg1 - mx) + np.exp(lg2 - mx))
        log_nu[k] = lg1 - ls + l_acc
        l_acc += lg2 - ls
        nu[k] = np.exp(log_nu[k])
    log_nu[K - 1] = l_acc
    nu[K - 1] = np.exp(l_acc)
    # 4. probability of being missed by every list, and the unobserved count
    p0 = 0.0
    for k in range(K):
        p = nu[k]
        for j in range(J):
            p *= 1.0 - lam[j, k]
        probs[k] = p
        p0 += p
    if p0 >= 1.0:
        p0 = 1.0 - 1e-12
    n0 = rng.negative_binomial(n, 1.0 - p0)
    # 5. classes of the unobserved
    _sorted_multinomial(rng, n0, probs, K, p0, order, count0K)
    # 6. concentration of the stick-breaking prior
    if sample_alpha:
        rate = b_alpha - log_nu[K - 1]
        alpha = rng.gamma(a_alpha + K - 1.0, 1.0 / rate)
    return n0, alpha, p0, k_star


@njit(cache=True, nogil=True)
def _permute_by_nu(K, J, lam, nu, log_nu, count0K):
    """Reorder latent classes by decreasing weight, as LCMCR does after its warm-up."""
    order = np.argsort(-nu, kind="mergesort")
    lam2 = lam.copy()
    nu2 = nu.copy()
    lnu2 = log_nu.copy()
    c2 = count0K.copy()
    for k in range(K):
        o = order[k]
        nu[k] = nu2[o]
        log_nu[k] = lnu2[o]
        count0K[k] = c2[o]
        for j in range(J):
            lam[j, k] = lam2[j, o]


@njit(cache=True, nogil=True)
def chain_init(rng, cells, freq, K, warmup, lam, nu, log_nu, count0K, scalars, swaps):
    """Initialise a chain as LCMCR does: ``lambda`` at the lists' marginal frequencies, ``alpha = 0.3/K``,
    ``warmup`` sweeps with ``alpha`` fixed, then classes reordered by decreasing weight. Fills the state
    arrays ``lam`` (J × K), ``nu``, ``log_nu``, ``count0K`` (K) and ``scalars = [alpha, n0, p0, k_star]``."""
    M, J = cells.shape
    n = 0
    for m in range(M):
        n += freq[m]
    for j in range(J):
        s = 0
        for m in range(M):
            if cells[m, j] == 1:
                s += freq[m]
        for k in range(K):
            lam[j, k] = s / n
    if K > 4:
        for k in range(4):
            nu[k] = 0.25 * 0.9
        for k in range(4, K):
            nu[k] = 0.1 / (K - 4)
    else:
        for k in range(K):
            nu[k] = 1.0 / K
    for k in range(K):
        log_nu[k] = np.log(nu[k])
        count0K[k] = 0
    alpha = 0.3 / K
    ones = np.zeros((J, K), dtype=np.int64)
    countK = np.zeros(K, dtype=np.int64)
    probs = np.empty(K)
    order = np.empty(K, dtype=np.int64)
    alloc = np.empty(K, dtype=np.int64)
    n0 = 0
    p0 = 0.0
    ks = 0
    for _ in range(warmup):
        n0, alpha, p0, ks = _sweep(rng, cells, freq, n, K, J, lam, nu, log_nu, alpha, 1.0, 1.0, False,
                                   ones, countK, count0K, probs, order, alloc, swaps)
    _permute_by_nu(K, J, lam, nu, log_nu, count0K)
    scalars[0] = alpha
    scalars[1] = n0
    scalars[2] = p0
    scalars[3] = ks
    return warmup


@njit(cache=True, nogil=True)
def chain_run(rng, cells, freq, K, a_alpha, b_alpha, lam, nu, log_nu, count0K, scalars, burn_in,
              samples, thinning, out_n0, out_alpha, out_p0, out_kstar, offset, swaps):
    """Continue a chain: ``burn_in`` sweeps, then ``samples`` draws kept every ``thinning`` sweeps,
    written to ``out_*[offset:offset + samples]``. The state arrays carry over between calls, so a long
    run can be cut into pieces (progress reports) with exactly the same draws. Returns the sweeps done."""
    M, J = cells.shape
    n = 0
    for m in range(M):
        n += freq[m]
    alpha = scalars[0]
    ones = np.zeros((J, K), dtype=np.int64)
    countK = np.zeros(K, dtype=np.int64)
    probs = np.empty(K)
    order = np.empty(K, dtype=np.int64)
    alloc = np.empty(K, dtype=np.int64)
    n0 = 0
    p0 = 0.0
    ks = 0
    sweeps = 0
    for _ in range(burn_in):
        n0, alpha, p0, ks = _sweep(rng, cells, freq, n, K, J, lam, nu, log_nu, alpha, a_alpha, b_alpha,
                                   True, ones, countK, count0K, probs, order, alloc, swaps)
        sweeps += 1
    for s in range(samples):
        for _ in range(thinning):
            n0, alpha, p0, ks = _sweep(rng, cells, freq, n, K, J, lam, nu, log_nu, alpha, a_alpha,
                                       b_alpha, True, ones, countK, count0K, probs, order, alloc, swaps)
            sweeps += 1
        out_n0[offset + s] = n0
        out_alpha[offset + s] = alpha
        out_p0[offset + s] = p0
        out_kstar[offset + s] = ks
    scalars[0] = alpha
    if sweeps > 0:
        scalars[1] = n0
        scalars[2] = p0
        scalars[3] = ks
    return sweeps
