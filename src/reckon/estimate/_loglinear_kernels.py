"""Compiled kernels for hierarchical log-linear Poisson fits on ``2**k`` capture tables.

Cells and terms are both bit masks over the lists (see :mod:`reckon.estimate.table`): a cell ``c`` belongs
to term ``t`` when ``c & t == t``. The design matrix is never built. For a hierarchical model the
linear predictor of cell ``c`` is the *subset sum* of the coefficients over the terms inside ``c``, and
the Fisher information ``X' diag(mu) X`` has entry ``(a, b)`` equal to the *superset sum* of ``mu`` at
``t_a | t_b``: both transforms cost ``k * 2**k`` operations, so one Newton step on a 6-list table takes a
few microseconds and the exhaustive search over 32,768 models a fraction of a second.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

# Status codes returned by the kernels.
OK = 0
RANK_DEFICIENT = 1  # the design (on the cells kept) does not have full column rank: not identifiable
NOT_CONVERGED = 2
NOT_EXIST = 3  # Newton keeps driving fitted zero cells to 0: the MLE lies on the boundary (-inf)
SUSPECT = 4  # a fitted zero cell is small but not clearly vanishing: check with the linear program



@njit(cache=True)
def superset_sum(v: np.ndarray, k: int) -> np.ndarray:
    """``out[m] = sum of v[c] over all c that contain m``."""
    out = v.copy()
    size = 1 << k
    for j in range(k):
        bit = 1 << j
        for m in range(size):
            if (m & bit) == 0:
                out[m] += out[m | bit]
    return out


@njit(cache=True)
def subset_sum(v: np.ndarray, k: int) -> np.ndarray:
    """``out[c] = sum of v[m] over all m contained in c``."""
    out = v.copy()
    size = 1 << k
    for j in range(k):
        bit = 1 << j
        for m in range(size):
            if (m & bit) != 0:
                out[m] += out[m ^ bit]
    return out


@njit(cache=True)
def _cholesky_solve(H: np.ndarray, g: np.ndarray, rel_tol: float) -> tuple[bool, np.ndarray]:
    """Solve ``H x = g`` for symmetric positive definite ``H``; False when a pivot is (numerically) zero."""
    p = H.shape[0]
    L = np.zeros((p, p))
    maxdiag = 0.0
    for i in range(p):
        if H[i, i] > maxdiag:
            maxdiag = H[i, i]
    if maxdiag <= 0.0:
        return False, np.zeros(p)
    for j in range(p):
        s = H[j, j]
        for q in range(j):
            s -= L[j, q] * L[j, q]
        if s <= rel_tol * maxdiag:
            return False, np.zeros(p)
        d = math.sqrt(s)
        L[j, j] = d
        for i in range(j + 1, p):
            s2 = H[i, j]
            for q in range(j):
                s2 -= L[i, q] * L[j, q]
            L[i, j] = s2 / d
    x = np.empty(p)
    for i in range(p):
        s = g[i]
        for q in range(i):
            s -= L[i, q] * x[q]
        x[i] = s / L[i, i]
    for i in range(p - 1, -1, -1):
        s = x[i]
        for q in range(i + 1, p):
            s -= L[q, i] * x[q]
        x[i] = s / L[i, i]
    return True, x


@njit(cache=True)
def _information(mstar: np.ndarray, terms: np.ndarray) -> np.ndarray:
    p = terms.shape[0]
    H = np.empty((p, p))
    for a in range(p):
        for b in range(a, p):
            v = mstar[terms[a] | terms[b]]
            H[a, b] = v
            H[b, a] = v
    return H


@njit(cache=True)
def _eta(beta: np.ndarray, terms: np.ndarray, k: int) -> np.ndarray:
    B = np.zeros(1 << k)
    for a in range(terms.shape[0]):
        B[terms[a]] += beta[a]
    return subset_sum(B, k)


@njit(cache=True)
def _loglik_kernel(y: np.ndarray, keep: np.ndarray, eta: np.ndarray, mu: np.ndarray) -> float:
    """``sum y*eta - mu`` over kept cells (the Poisson log-likelihood without its log y! constant)."""
    ll = 0.0
    for c in range(y.shape[0]):
        if keep[c]:
            if y[c] > 0.0:
                ll += y[c] * eta[c]
            ll -= mu[c]
    return ll


@njit(cache=True)
def fit_poisson(k: int, y: np.ndarray, keep: np.ndarray, terms: np.ndarray, beta: np.ndarray,
                use_start: bool, maxit: int, tol: float, check_boundary: bool, offset: float = 0.0):
    """Poisson maximum likelihood for the log-linear model with ``terms`` on the ``keep`` cells.

    ``y`` and ``keep`` are indexed by cell (length ``2**k``); ``terms[0]`` is normally 0 (the intercept);
    ``offset`` is added to every linear predictor (a fixed intercept when ``terms`` has none).
    ``beta`` is updated in place (and used as the start when ``use_start``). Returns
    ``(status, loglik_kernel, iterations, min_mu_zero, mu)``: ``loglik_kernel`` lacks the
    ``-sum log y!`` constant, ``min_mu_zero`` is the smallest fitted value over kept cells with y = 0.
    """
    size = 1 << k
    p = terms.shape[0]
    yk = np.zeros(size)
    for c in range(size):
        if keep[c]:
            yk[c] = y[c]
    ystar = superset_sum(yk, k)
    mu = np.zeros(size)
    eta = np.zeros(size)
    if not use_start:
        # R's glm start: mu = y + 0.1, then one IRLS step (weights mu, working response log mu + (y-mu)/mu)
        wz = np.zeros(size)
        for c in range(size):
            if keep[c]:
                m0 = y[c] + 0.1
                mu[c] = m0
                wz[c] = m0 * (math.log(m0) - offset) + y[c] - m0
        mstar = superset_sum(mu, k)
        wzstar = superset_sum(wz, k)
        H = _information(mstar, terms)
        rhs = np.empty(p)
        for a in range(p):
            rhs[a] = wzstar[terms[a]]
        ok, sol = _cholesky_solve(H, rhs, 1e-10)
        if not ok:
            return RANK_DEFICIENT, -np.inf, 0, 0.0, mu
        for a in range(p):
            beta[a] = sol[a]
    else:
        # still check identifiability with well-conditioned weights
        w = np.zeros(size)
        for c in range(size):
            if keep[c]:
                w[c] = y[c] + 0.1
        H = _information(superset_sum(w, k), terms)
        ok, _sol = _cholesky_solve(H, np.zeros(p), 1e-10)
        if not ok:
            return RANK_DEFICIENT, -np.inf, 0, 0.0, mu

    eta = _eta(beta, terms, k) + offset
    for c in range(size):
        mu[c] = math.exp(eta[c]) if keep[c] else 0.0
    ll = _loglik_kernel(y, keep, eta, mu)
    has_zero = False
    for c in range(size):
        if keep[c] and y[c] == 0.0:
            has_zero = True
    status = NOT_CONVERGED
    it = 0
    extra = -1  # >= 0 once converged: Newton steps taken since
    last_step = 0.0
    while it < maxit:
        it += 1
        mstar = superset_sum(mu, k)
        H = _information(mstar, terms)
        g = np.empty(p)
        for a in range(p):
            g[a] = ystar[terms[a]] - mstar[terms[a]]
        ok, delta = _cholesky_solve(H, g, 1e-15)
        if not ok:
            # the information became singular while it was regular at the start: fitted cells are
            # vanishing, i.e. the likelihood keeps rising towards the boundary
            status = NOT_EXIST if check_boundary else RANK_DEFICIENT
            break
        step = 1.0
        new_beta = np.empty(p)
        new_eta = eta
        new_mu = mu
        new_ll = ll
        accepted = False
        for _half in range(40):
            for a in range(p):
                new_beta[a] = beta[a] + step * delta[a]
            new_eta = _eta(new_beta, terms, k) + offset
            new_mu = np.zeros(size)
            for c in range(size):
                if keep[c]:
                    new_mu[c] = math.exp(new_eta[c])
            new_ll = _loglik_kernel(y, keep, new_eta, new_mu)
            if new_ll >= ll - 1e-12 * (abs(ll) + 1.0) and np.isfinite(new_ll):
                accepted = True
                break
            step *= 0.5
        if not accepted:
            if extra >= 0:
                status = OK
            break
        change = abs(new_ll - ll)
        last_step = 0.0
        for a in range(p):
            d = abs(step * delta[a])
            if d > last_step:
                last_step = d
            beta[a] = new_beta[a]
        eta = new_eta
        mu = new_mu
        ll = new_ll
        if extra >= 0:
            extra += 1
            if extra >= 3:
                break
        elif change <= tol * (abs(ll) + 0.1):
            status = OK
            if not (check_boundary and has_zero) or last_step < 1e-4:
                # Newton converges quadratically to an interior MLE; towards the boundary its steps stay
                # of order one (each one divides the vanishing fitted cells by about e)
                break
            extra = 0  # a few more Newton steps: they stay put at an interior MLE
    if status == OK and extra >= 1:
        if last_step > 1e-2:
            status = NOT_EXIST
        elif last_step > 1e-6:
            status = SUSPECT
    min_mu = np.inf
    for c in range(size):
        if keep[c] and y[c] == 0.0 and mu[c] < min_mu:
            min_mu = mu[c]
    return status, ll, it, min_mu, mu


@njit(cache=True)
def _model_setup(k: int, ystar: np.ndarray, inter: np.ndarray, n_inter: int):
    """Terms to estimate and cells to keep for one model: interactions nobody shows go to -inf."""
    size = 1 << k
    keep = np.ones(size, dtype=np.bool_)
    keep[0] = False
    n_free = 1 + k
    n_neg = 0
    for i in range(n_inter):
        t = inter[i]
        if ystar[t] == 0.0:
            n_neg += 1
            for c in range(size):
                if (c & t) == t:
                    keep[c] = False
        else:
            n_free += 1
    terms = np.empty(n_free, dtype=np.int64)
    terms[0] = 0
    for j in range(k):
        terms[1 + j] = 1 << (k - 1 - j)
    pos = 1 + k
    for i in range(n_inter):
        t = inter[i]
        if ystar[t] != 0.0:
            terms[pos] = t
            pos += 1
    return terms, keep, n_neg


@njit(cache=True)
def _table(k: int, y: np.ndarray):
    """A table as the fits take it: a copy with the unobserved cell 0, its superset sums, and the log y!
    constant that makes the log-likelihood a full one."""
    y0 = y.copy()
    y0[0] = 0.0
    const = 0.0
    for c in range(1, 1 << k):
        const += math.lgamma(y0[c] + 1.0)
    return y0, superset_sum(y0, k), const


@njit(cache=True)
def _fit_model(k: int, y0: np.ndarray, ystar: np.ndarray, const: float, model: np.ndarray, n_terms: int,
               maxit: int, tol: float):
    """One model fitted on one prepared table (:func:`_table`): status, loglik, intercept, number of -inf
    terms, smallest fitted zero cell."""
    terms, keep, nn = _model_setup(k, ystar, model, n_terms)
    beta = np.zeros(terms.shape[0])
    st, ll, _it, mz, _mu = fit_poisson(k, y0, keep, terms, beta, False, maxit, tol, True)
    return st, ll - const, beta[0], nn, mz


@njit(cache=True, parallel=True)
def fit_many(k: int, y: np.ndarray, models: np.ndarray, n_terms: np.ndarray, maxit: int, tol: float):
    """Fit every model (rows of ``models``: interaction masks, ``n_terms`` of them used) on table ``y``.

    Returns arrays: status, loglik (with the log y! constant), intercept, number of -inf terms,
    smallest fitted zero cell.
    """
    n_models = models.shape[0]
    status = np.empty(n_models, dtype=np.int64)
    loglik = np.empty(n_models)
    intercept = np.empty(n_models)
    n_neg = np.empty(n_models, dtype=np.int64)
    min_mu = np.empty(n_models)
    y0, ystar, const = _table(k, y)
    for i in prange(n_models):
        status[i], loglik[i], intercept[i], n_neg[i], min_mu[i] = _fit_model(
            k, y0, ystar, const, models[i], n_terms[i], maxit, tol)
    return status, loglik, intercept, n_neg, min_mu


@njit(cache=True, parallel=True)
def fit_many_tables(k: int, ys: np.ndarray, models: np.ndarray, n_terms: np.ndarray, maxit: int, tol: float):
    """Fit every model on every table (rows of ``ys``, cell-indexed): for bootstrap and jackknife.

    Returns ``(status, loglik, intercept)`` arrays of shape (tables, models).
    """
    n_tab = ys.shape[0]
    n_models = models.shape[0]
    status = np.empty((n_tab, n_models), dtype=np.int64)
    loglik = np.empty((n_tab, n_models))
    intercept = np.empty((n_tab, n_models))
    for r in prange(n_tab):
        y0, ystar, const = _table(k, ys[r])
        for i in range(n_models):
            status[r, i], loglik[r, i], intercept[r, i], _nn, _mz = _fit_model(
                k, y0, ystar, const, models[i], n_terms[i], maxit, tol)
    return status, loglik, intercept


# ---- SparseMSE stepwise selection -----------------------------------------------------------------------

_FPMIN = 1e-300
_EPS = 1e-15


@njit(cache=True)
def _gamma_pq(a: float, x: float) -> tuple[float, float]:
    """Regularised incomplete gamma ``(P(a, x), Q(a, x))``, each computed without cancellation: the
    series gives P when ``x < a + 1``, the continued fraction gives Q otherwise (Numerical Recipes)."""
    if x <= 0.0:
        return 0.0, 1.0
    gln = math.lgamma(a)
    if x < a + 1.0:
        ap = a
        total = 1.0 / a
        term = total
        for _ in range(100000):
            ap += 1.0
            term *= x / ap
            total += term
            if abs(term) < abs(total) * _EPS:
                break
        p = min(1.0, total * math.exp(-x + a * math.log(x) - gln))
        return p, 1.0 - p
    b = x + 1.0 - a
    c = 1.0 / _FPMIN
    d = 1.0 / b
    h = d
    for i in range(1, 100000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        if abs(d) < _FPMIN:
            d = _FPMIN
        c = b + an / c
        if abs(c) < _FPMIN:
            c = _FPMIN
        d = 1.0 / d
        dl = d * c
        h *= dl
        if abs(dl - 1.0) < _EPS:
            break
    q = min(1.0, math.exp(-x + a * math.log(x) - gln) * h)
    return 1.0 - q, q


@njit(cache=True)
def poisson_two_sided(n: float, lam: float) -> float:
    """SparseMSE's p-value: ``min(P(X <= n), P(X >= n))`` for ``X ~ Poisson(lam)``."""
    if lam <= 0.0:
        return 1.0 if n <= 0.0 else 0.0
    lower = _gamma_pq(n + 1.0, lam)[1]  # P(X <= n) = Q(n+1, lam)
    upper = 1.0 if n <= 0.0 else _gamma_pq(n, lam)[0]  # P(X >= n) = P(n, lam)
    return min(lower, upper)


@njit(cache=True)
def _pair_masks(k: int) -> np.ndarray:
    n = k * (k - 1) // 2
    out = np.empty(n, dtype=np.int64)
    pos = 0
    for i in range(k):
        for j in range(i + 1, k):
            out[pos] = (1 << (k - 1 - i)) | (1 << (k - 1 - j))
            pos += 1
    return out


@njit(cache=True)
def stepwise_select(k: int, y: np.ndarray, pthresh: float, maxit: int, tol: float):
    """SparseMSE ``stepwisefit``: from main effects, add the pair with the smallest Poisson p-value of its
    overlap while that p-value is below ``pthresh``; a pair whose model fails the existence or
    identifiability check gets p = 1.

    ``y`` is cell-indexed (``y[0]`` ignored). Returns ``(status, intercept, included, order_added, p_values,
    n_borderline)``: ``status`` is OK, NOT_EXIST (the main-effects MLE does not exist: the estimate is
    unbounded) or another failure; ``included`` flags each pair (in ``_pair_masks`` order), ``order_added`` the pair
    indices in the order they were added (-1 padded), ``p_values`` the p-value of each addition.
    """
    y0 = y.copy()
    y0[0] = 0.0
    pairs = _pair_masks(k)
    npairs = pairs.shape[0]
    ystar = superset_sum(y0, k)
    included = np.zeros(npairs, dtype=np.bool_)
    order_added = np.full(npairs, -1, dtype=np.int64)
    p_added = np.full(npairs, np.nan)
    inter = np.empty(npairs, dtype=np.int64)
    n_inter = 0
    borderline = 0
    terms, keep, _nn = _model_setup(k, ystar, inter, 0)
    beta = np.zeros(terms.shape[0])
    # SparseMSE never checks the main-effects model; when its MLE does not exist (lists that hardly
    # overlap) the unobserved count is unbounded: report that instead of a huge finite number
    st, _ll, _it, _mz, mu = fit_poisson(k, y0, keep, terms, beta, False, maxit, tol, True)
    if st == NOT_EXIST:
        return NOT_EXIST, np.inf, included, order_added, p_added, borderline
    if st == SUSPECT:
        borderline += 1
        st = OK
    if st != OK:
        return st, np.nan, included, order_added, p_added, borderline
    intercept = beta[0]
    if pthresh <= 0.0:
        return OK, intercept, included, order_added, p_added, borderline
    cand = np.empty(npairs, dtype=np.int64)
    for cycle in range(npairs):
        mstar = superset_sum(mu, k)
        best_p = 2.0
        best_j = -1
        for j in range(npairs):
            if included[j]:
                continue
            pval = poisson_two_sided(ystar[pairs[j]], mstar[pairs[j]])
            if pval < best_p and pval < pthresh:
                # only a pair that could be added needs the (costlier) existence check
                for q in range(n_inter):
                    cand[q] = inter[q]
                cand[n_inter] = pairs[j]
                cterms, ckeep, _cn = _model_setup(k, ystar, cand, n_inter + 1)
                cbeta = np.zeros(cterms.shape[0])
                cst, _cl, _ci, _cm, _cmu = fit_poisson(k, y0, ckeep, cterms, cbeta, False, maxit, tol, True)
                if cst == SUSPECT:
                    borderline += 1
                    cst = OK
                if cst != OK:
                    pval = 1.0
            if pval < best_p:
                best_p = pval
                best_j = j
        if best_j < 0 or best_p >= pthresh:
            break
        inter[n_inter] = pairs[best_j]
        n_inter += 1
        included[best_j] = True
        order_added[cycle] = best_j
        p_added[cycle] = best_p
        terms, keep, _nn = _model_setup(k, ystar, inter, n_inter)
        beta = np.zeros(terms.shape[0])
        st, _ll, _it, _mz, mu = fit_poisson(k, y0, keep, terms, beta, False, maxit, tol, False)
        if st != OK:
            return st, np.nan, included, order_added, p_added, borderline
        intercept = beta[0]
    return OK, intercept, included, order_added, p_added, borderline


@njit(cache=True, parallel=True)
def stepwise_many(k: int, ys: np.ndarray, pthresh: float, maxit: int, tol: float):
    """``stepwise_select`` on every row of ``ys``: returns the totals ``n + exp(intercept)`` (inf where the
    estimate is unbounded, NaN on failure) and the number of interactions chosen per table."""
    n_tab = ys.shape[0]
    est = np.empty(n_tab)
    n_chosen = np.empty(n_tab, dtype=np.int64)
    for r in prange(n_tab):
        y = ys[r]
        n = 0.0
        for c in range(1, y.shape[0]):
            n += y[c]
        st, b0, included, _o, _p, _b = stepwise_select(k, y, pthresh, maxit, tol)
        if st == OK:
            est[r] = n + math.exp(b0)
        elif st == NOT_EXIST:
            est[r] = np.inf
        else:
            est[r] = np.nan
        n_chosen[r] = included.sum()
    return est, n_chosen
