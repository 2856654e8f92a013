"""A second, independent corpus of real vector and matrix gradient answers (held out from
``tensor_answers.py``: none of its sources is used here), with the verdict each deserves.

How it was gathered: the ``search`` index (code, pages) and ``read_file``/``find_string``: CS229 problem
set 0/1 texts and solutions (Nemotron-CC-Math and Scribd copies, a student's blog), Goodfellow 4.5's linear
least squares as a Q&A thread quotes it, Rogers & Girolami's "A First Course in Machine Learning" 4.9,
University of Washington's Coursera ridge notes, math Q&A threads (math.stackexchange and its mirrors
math.techqa.club, newbetuts, ARQMath, imathworks, qastack) on Frobenius norms, traces, NMF, Gaussian MLE,
logistic loss in matrix form; GitHub notebooks and homework: deeplearning.ai's ``propagate`` and planar
``backward_propagation`` (columns are samples), Coursera-ML ports, "neural network from scratch" posts,
Géron's batch gradient descent, softmax regression from scratch with columns as samples, cs231n-style
``affine_backward`` in four spellings, autograd OLS/ridge factories.

Each entry copies the answer as written.  Where a change was needed to make it checkable, it is the smallest
and the source says so in brackets: ``self.`` dropped, a function body unrolled to the statements that compute
the one gradient (``return grads, cost`` tuples cut), a cache tuple unpacked, MathJax recovered from a
rendered page.  Entries whose source starts "variant of" are single slips of a real answer.

Fields as in ``tensor_answers.py``.  A vector declared ``x:d`` is numpy's 1-D array (a column in LaTeX);
deeplearning.ai's column-major code declares ``w:d,1``, ``Y:1,m``.  The gradient has the parameter's shape,
so a numerator-layout row is ``incorrect``/``transpose``.
"""
from __future__ import annotations

from tests.corpus.tensor_entries import A, C, W, variant  # noqa: F401


# --------------------------------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------------------------------
TQ = "https://math.techqa.club/"
CS229_PS1 = ("CS229 Problem Set #1 (2011/public course), 2. locally-weighted logistic regression, the given gradient "
             "(Nemotron-CC-Math-v1 and coursehero copies) [w⁽ⁱ⁾ written wt, z defined in where]")
CS229_PS0 = "CS229 Autumn 2016 Problem Set #0 Solutions 1(a) (scribd ps0-key text) [typeset from the PDF's text]"
GOODFELLOW_Q = TQ + "linear-least-squares-differentiated-from-deep-learning-goodfellow-2877955 (Goodfellow 4.5, eq. 4.21) [$…$ delimiters removed]"
GOODFELLOW = "Goodfellow, Bengio & Courville, Deep Learning §4.5 eq. (4.22) [typeset with \\boldsymbol]"
ETHANN = "https://ethann.netlify.app/notes/regularized-linear-regression [⊤ written \\top]"
RIDGE_Q = "'How is w = λ⁻¹X'(y−Xw) derived? [Ridge Regression]' (math.stackexchange, Nemotron-CC-Math-v1 copy)"
UW_RIDGE = "University of Washington, Coursera 'Machine Learning: Regression', Computing the gradient of the ridge objective (Nemotron-CC-Math-v1 copies)"
TRACE_Q = TQ + "how-did-they-get-the-final-result-here-4171825"
VECDER = "https://math.stackexchange.com/questions/209766/vector-derivative (kiwix mirror)"
MIXED_Q = TQ + "matrix-differentiation-combination-of-vectors-and-matrices-2374718"
TRXWW = TQ + "derivative-of-operatorname-trace-xww-t-x-t-with-respect-to-w-1878086"
FUNKY = TQ + "funky-derivative-of-trace-of-matrix-with-composition-4247753"
ARQ_FROB = "ARQMath collection, math.stackexchange thread 2122461 (‖Y − XW‖²_F)"
NMF_H = TQ + "gradient-of-h-mapsto-a-w-h-text-f-2-2363203"
NMF = TQ + "derivation-of-gradient-for-non-negative-matrix-factorization-1863544"
DW_MSE = "https://math.stackexchange.com/questions/3228181 (L(D, W) = ½‖DW − X‖²_F, the asker's own answer)"
HADAMARD_Q = TQ + "gradient-of-the-matrix-function-trace-big-w-odot-a-uv-w-odot-a-uv-big-2705924"
XWZ = TQ + "gradient-of-squared-frobenius-norm-of-a-complex-matrix-4678987 [dims a, b, c written n, d, k]"
PTKV = TQ + "frobenius-norm-derivative-2564314"
MVN = "https://newbetuts.com/1599966-derivative-of-multivariate-normal-distribution-wrt-mean-and-covariance"
MLE_COV = "https://math.stackexchange.com/questions/2118535 (deriving the MLE of a Gaussian covariance; the course's deduction) [x_i is row i of X]"
FCML = "Rogers & Girolami, A First Course in Machine Learning 2nd ed., eq. (4.9) (fliphtml5 page 175) [typeset from the page text]"
QASTACK = "https://qastack.ru/stats/278771 (stats.stackexchange 278771, answer crediting Antoni Parellada) [MathJax recovered from the rendered text]"
IMATH_CV = "https://imathworks.com/cv/solved-derive-logistic-loss-gradient-in-matrix-form"
HOADM = "github.com/hoadm-net/DL lab04/concepts/04_softmax_ce_gradients.md [logits a 1×k row]"
WILDAN = "github.com/wildanjr19/ml-from-scratch Linear-Regression/readme.md (its MSE has 1/n, no ½) [ŷ declared]"
LUKAEMON = "github.com/lukaemon/Coursera-ML-AndrewNg helper/logistic_regression.py"
CQSI = "github.com/Cqsi/pml logisticRegression/gradient.py [from sigmoid import sigmoid dropped]"
YOAVRAM = "github.com/yoavram/DataSciPy solutions/logistic-model.py gradient_descent [logodds(X, a) written X @ a; the step line cut]"
SARFARAZ = "github.com/Sarfaraz-Ali/Image_recognization propagate.py (deeplearning.ai week 2) [body unrolled, asserts cut]"
ASAF = "github.com/Asaf-Harel/DL-5 DL-5-11/3130/ex6.py backward_propagation [body unrolled; A declared]"
SHEVIV = "github.com/sheviv/mirrors dl_spec/nn_and_dl/first_second_w/optimize.py propagate [body unrolled]"
Y1RAN = "github.com/Y1ran/Introduction-to-Machine-Learning-with-Python-code Deep_learning/propagate.py (A as a column) [body unrolled]"
LAMBD = ("propagate(w, b, lambd, X, Y, cost_function) (code index; its cost adds lambd/(2m)·np.sum(w.T), not ‖w‖²) "
         "[body unrolled, the cost_function branch cut]")
PLANAR = "deeplearning.ai planar data classification, backward_propagation (markdown notes in the code index) [body unrolled; A1, A2 declared]"
LOY = ("github.com/danijorgesantos/yolov3numpy neuralnet.py (the 'simple neural network from scratch' backprop, used with +=) "
       "[self. dropped, input written X; b1, b2 declared]")
PRINCE = "github.com/ThePrinceInExile312/DLlab DL2.py"
GERON = "github.com/roshanbhatt420/MLALGOEXPLAIN supervised/regression/linearregression.py (Géron's batch gradient descent)"
GARDA = "github.com/gardayulada/MLCoursera ex1/ex1_linearRegression.py [theta − (alpha/m)·(…) cut to its gradient]"
LINREG_B = "lin_reg_loss(theta, X, y) (code index: 'Mean Squared Error (MSE) loss with gradient for optimization') [body unrolled]"
AUTOGRAD = "grad_OLS()/grad_ridge(lmb) factories, import autograd.numpy as np (code index) [inner grad_fun unwrapped, import dropped]"
TOMER = "github.com/TomerBarNatan/Deep-Learning softmax.py softmax_grad (columns are samples; its 'sigmoid' is a softmax) [body unrolled]"
TOMER_OLD = ("github.com/TomerBarNatan/Deep-Learning softmax.py, an earlier version (softmax_gradient; the normalizer is "
             "summed over axis=1 but broadcast along the last axis) [the return line past the excerpt restored]")
MINPY = "cs231n affine_backward with np.transpose/np.reshape (code index file 32200244964, minpy) [cache unpacked]"
ONESDOT = "cs231n affine_backward, db = np.dot(np.ones((N,)), dout) (code index file 11863685844) [cache unpacked]"
PRODRESHAPE = "cs231n affine_backward with np.prod(x.shape[1:]) (code index file 16040281779) [cache unpacked]"
KEEPDIMS = "affine_backward with b of shape (1, M) and keepdims (code index file 28116545590) [cache unpacked]"

# --------------------------------------------------------------------------------------------------
# losses
# --------------------------------------------------------------------------------------------------
LWLR = "-lambda/2*theta@theta + sum(wt*(y*log(sigmoid(X@theta)) + (1 - y)*log(1 - sigmoid(X@theta))))"
LWLR_SHAPES = "X:m,d theta:d y:m:binary wt:m:pos"
LWLR_WHERE = ("z = wt*(y - sigmoid(X@theta))",)
LSQ_HALF = "norm(A@x - b)**2/2"
LSQ_SHAPES = "A:m,n x:n b:m"
RIDGE = "norm(X@w - y)**2 + lambda*norm(w)**2"
XWY = "X:n,d w:d y:n"
MVN_F = "(x - mu)@inv(Sigma)@(x - mu)"
MVN_SHAPES = "x:k mu:k Sigma:k,k:spd"
COV = "-n*logdet(Sigma)/2 - trace(inv(Sigma)@(X - outer(ones(n), mu)).T@(X - outer(ones(n), mu)))/2"
COV_SHAPES = "X:n,d mu:d Sigma:d,d:spd"
NLL_MEAN = "-sum(y*log(sigmoid(X@theta)) + (1 - y)*log(1 - sigmoid(X@theta)))/m"
DL_LOGREG = "-sum(Y*log(sigmoid(w.T@X + b)) + (1 - Y)*log(1 - sigmoid(w.T@X + b)))/m"
DL_SHAPES = "X:d,m w:d,1 Y:1,m:binary"
DL_A = ("A = sigmoid(w.T@X + b)",)
PLANAR_LOSS = ("-sum(Y*log(sigmoid(W2@tanh(W1@X + b1@ones((1,m))) + b2*ones((1,m)))) + "
               "(1 - Y)*log(1 - sigmoid(W2@tanh(W1@X + b1@ones((1,m))) + b2*ones((1,m)))))/m")
PLANAR_SHAPES = "X:d,m W1:h,d b1:h,1 W2:1,h b2:1,1 Y:1,m:binary"
PLANAR_WHERE = ("A1 = tanh(W1@X + b1@ones((1,m)))", "A2 = sigmoid(W2@A1 + b2*ones((1,m)))")
LOY_LOSS = "sum((y - sigmoid(sigmoid(X@weights1 + b1)@weights2 + b2))**2)"
LOY_SHAPES = "X:n,d weights1:d,h b1:1,h weights2:h,1 b2:1,1 y:n,1"
AFFINE = "sum(dout*(x@w + b))"
AFFINE_SHAPES = "x:N,D w:D,M b:M dout:N,M"
TOMER_LOSS = "-sum(CT*log(softmax(X.T@W + bias)))/m"
TOMER_SHAPES = "X:d,m W:d,l bias:l CT:m,l:onehot"

# --------------------------------------------------------------------------------------------------
# LaTeX: course notes and problem sets
# --------------------------------------------------------------------------------------------------
lw1 = A(CS229_PS1, LWLR, LWLR_SHAPES, "theta", r"\nabla_\theta \ell(\theta) = X^T z - \lambda \theta", "latex", LWLR_WHERE)
ps0 = A(CS229_PS0, "x@A@x/2", "x:n A:n,n:sym", "x", r"\nabla(\frac{1}{2}x^T A x) = Ax", "latex")
gq1 = A(GOODFELLOW_Q + " (the asker's result)", LSQ_HALF, LSQ_SHAPES, "x", r"A^TA x - A^Tb", "latex")
gq2 = A(GOODFELLOW_Q + " (the asker's step before using (Ax)ᵀA = AᵀAx)", LSQ_HALF, LSQ_SHAPES, "x", r"A^TA x - b^TA", "latex",
        verdict=W, diagnosis="shape")
gq3 = A(GOODFELLOW_Q + " (the asker's chain-rule step)", LSQ_HALF, LSQ_SHAPES, "x",
        r"\frac{1}{2} ( A^TA x + (A x)^TA - 2b^TA )", "latex", verdict=W, diagnosis="shape")
gq4 = A(GOODFELLOW_Q + " (answer, with y = Ax − b)", LSQ_HALF, LSQ_SHAPES, "x", r"f' &= A^Ty &= A^T(Ax-b)", "latex",
        ("y = A@x - b",))
gf1 = A(GOODFELLOW, LSQ_HALF, LSQ_SHAPES, "x",
        r"\nabla_{\boldsymbol{x}} f(\boldsymbol{x}) = \boldsymbol{A}^\top (\boldsymbol{A}\boldsymbol{x} - \boldsymbol{b}) = \boldsymbol{A}^\top \boldsymbol{A} \boldsymbol{x} - \boldsymbol{A}^\top \boldsymbol{b}",
        "latex")
eth = A(ETHANN, RIDGE, XWY, "w", r"\nabla J(w)=2(X^\top Xw-X^\top y+\lambda w)", "latex")
rq1 = A(RIDGE_Q, "norm(y - X@w)**2 + lambda*norm(w)**2", "X:l,n w:n y:l", "w",
        r"\nabla_w \mathcal{L} = -2X'(y - Xw) + 2\lambda w", "latex")
uw1 = A(UW_RIDGE, "(y - H@w)@(y - H@w) + lambda*w@w", "H:N,d w:d y:N", "w", r"\nabla J(w) = -2H^T(y - Hw) + 2\lambda w", "latex")
uw2 = A(UW_RIDGE + " (the residual sum of squares term)", "(y - H@w)@(y - H@w)", "H:N,d w:d y:N", "w", r"-2H^T(y - Hw)", "latex")
fc1 = A(FCML, "-w@w/(2*sigma**2) + sum(t*log(sigmoid(X@w)) + (1 - t)*log(1 - sigmoid(X@w)))", "X:N,D w:D t:N:binary", "w",
        r"-\frac{1}{\sigma^2} w + \sum_{n=1}^N x_n(t_n - P_n)", "latex", (r"P_n = \frac{1}{1 + \exp(-w^Tx_n)}",))

# -- Q&A threads: traces, Frobenius norms, quadratic forms ---------------------------------------------------
tr1 = A(TRACE_Q, "trace(W.T@X.T@X@W - Y.T@X@W - W.T@X.T@Y + Y.T@Y)", "X:n,d W:d,k Y:n,k", "W",
        r"\nabla_{\mathrm W}\left(\mbox{tr} \left( \mathrm W^{\top} \mathrm X^{\top} \mathrm X \mathrm W - \mathrm Y^{\top} \mathrm X \mathrm W - \mathrm W^{\top} \mathrm X^{\top} \mathrm Y + \mathrm Y^{\top} \mathrm Y \right)\right) = 2 \, \mathrm X^{\top} \mathrm X \mathrm W - 2 \, \mathrm X^{\top} \mathrm Y",
        "latex")
tr2 = A(TRACE_Q + " (second answer)", "trace(X.T@X@W@W.T)", "X:n,d W:d,k", "W",
        r"\nabla_W(\operatorname{tr}(X^{\top} X W W^{\top}))=X^{\top} X \nabla_W(\operatorname{tr}(W W^{\top}))=2X^{\top} X W", "latex")
vd1 = A(VECDER, "trace(outer(w, w)@A) + (x@w)**2", "w:n A:n,n x:n", "w",
        r"\frac{\partial f}{\partial w} = 2Bw = \left(A+A^T+2xx^T\right)w", "latex", ("B = (A + A.T)/2 + outer(x, x)",))
mx1 = A(MIXED_Q + " (answer)", "w@F.T@F@w - w@F.T@t - t@F@w", "F:n,d w:d t:n", "w",
        r"\frac{\partial f}{\partial w} &= 2F^T(Fw - t)", "latex")
mx2 = A(MIXED_Q + " (the asker: 'it should follow that')", "w@F.T@F@w", "F:n,d w:d", "w", r"w^T(F^TF+F^TF)", "latex",
        verdict=W, diagnosis="transpose")
mx3 = A(MIXED_Q + " (the asker: 'sometimes')", "w@F.T@t", "F:n,d w:d t:n", "w", r"(w^TF^Tt)' = (F^Tt)^T", "latex",
        verdict=W, diagnosis="transpose")
mx4 = A(MIXED_Q + " (the asker: 'and sometimes')", "w@F.T@t", "F:n,d w:d t:n", "w", r"(F^Tt)", "latex")
tw1 = A(TRXWW, "trace(X@W@W.T@X.T)", "X:n,n W:n,n", "W",
        r"\frac{d \operatorname{trace}(XWW^TX^T)}{dW}=2X^TXW", "latex")
fk1 = A(FUNKY + " (the question's cookbook result)", "z@W.T@inv(Psi)@W@z", "z:k W:d,k Psi:d,d:spd", "W",
        r"\frac{\delta Tr\ z_i^T {W}^T \Psi^{-1}Wz_i}{\delta W} = 2 \Psi^{-1}Wz_iz_i^T", "latex", ("z_i = z",))
fk2 = A(FUNKY + " (the question's second result)", "z@W.T@inv(Psi)@x", "z:k W:d,k Psi:d,d:spd x:d", "W",
        r"\frac{\delta Tr\ z_i^T {W}^T \Psi^{-1}x_i}{\delta W} = \Psi^{-1}x_iz_i^T", "latex", ("z_i = z", "x_i = x"))
fk3 = A(FUNKY + " (the answer restates it with a 2) [macro \\gb expanded]", "z@W.T@inv(Psi)@x", "z:k W:d,k Psi:d,d:spd x:d", "W",
        r"2 \Psi^{-1}x_iz_i^T", "latex", ("z_i = z", "x_i = x"), W, "factor")
fk4 = A(FUNKY + " (the answer: W = U ⊙ U) [macros \\LR, \\ga expanded]", "z@(U*U).T@inv(Psi)@(U*U)@z", "z:k U:d,k Psi:d,d:spd", "U",
        r"2U\odot\left(2 \Psi^{-1}Wz_iz_i^T\right)", "latex", ("z_i = z", "W = U*U"))
aq1 = A(ARQ_FROB + " (the asker's guess)", "norm(Y - X@W)**2", "Y:n,K X:n,p W:p,K", "W", r"-2X||Y-XW||_F", "latex",
        verdict=W, diagnosis="shape")
aq2 = A(ARQ_FROB + " (answer: 'the gradient in the usual interpretation')", "norm(Y - X@W)**2", "Y:n,K X:n,p W:p,K", "W",
        r"2X^T(Y-XW)", "latex", verdict=W, diagnosis="sign")
nh1 = A(NMF_H, "norm(A - W@H)**2", "A:m,n W:m,r H:r,n", "H", r"-2W^T(A-WH)", "latex")
nm1 = A(NMF, "norm(V - W@H)**2/2", "V:m,n W:m,r H:r,n", "W", r"\nabla_W f(W,H) = (WH-V)H^T", "latex")
nm2 = A(NMF, "norm(V - W@H)**2/2", "V:m,n W:m,r H:r,n", "H", r"\nabla_H f(W,H) = W^T(WH-V)", "latex")
dw1 = A(DW_MSE, "norm(D@W - X)**2/2", "D:m,p W:p,n X:m,n", "W", r"\nabla_Wtr\Big(L(D, W)\Big) = 2(D^TDW - D^TX)", "latex",
        verdict=W, diagnosis="factor")
dw2 = A(DW_MSE + " (a part)", "trace(D@W@W.T@D.T)", "D:m,p W:p,n", "W", r"\nabla_Wtr(DWW^TD^T) = 2D^TDW", "latex")
dw3 = A(DW_MSE + " (a part)", "trace(D@W@X.T)", "D:m,p W:p,n X:m,n", "W", r"\nabla_Wtr(DWX^T) = D^TX", "latex")
dw4 = A(DW_MSE + " (a part)", "trace(X@W.T@D.T)", "D:m,p W:p,n X:m,n", "W", r"\nabla_Wtr(XW^TD^T) = D^TX", "latex")
HAD = "trace((W*(A - U@V.T)).T@(W*(A - U@V.T)))"
HAD_SHAPES = "W:m,n A:m,n U:m,r V:n,r"
hd1 = A(HADAMARD_Q + " (the asker's 'it seems')", HAD, HAD_SHAPES, "U", r"2(W\odot(UV'-A))V", "latex", verdict=W, diagnosis="other")
hd2 = A(HADAMARD_Q + " (answer)", HAD, HAD_SHAPES, "U", r"\frac{\partial\phi}{\partial U} &= 2\Big(W\odot W\odot(UV^T-A)\Big)V", "latex")
xz1 = A(XWZ + " (answer)", "norm(X@W@Z - X)**2", "X:n,d W:d,k Z:k,d", "W",
        r"\nabla_W \varphi(X, W, Z) = 2(X^TX)ZWZ^T - 2(X^TX)Z", "latex", verdict=W, diagnosis="shape")
pt1 = A(PTKV, "norm(X - P@T@K@V)**2", "X:m,n P:m,p T:p,q K:q,r V:r,n", "T",
        r"\nabla(f)(T)=-2P^T(X-PTKV)V^TK^T", "latex")

# -- Gaussians -------------------------------------------------------------------------------------------
mv1 = A(MVN + " (solution 1)", MVN_F, MVN_SHAPES, "mu", r"\frac{\partial f}{\partial \mu} &= (\Sigma^{-1}+\Sigma^{-T})\,(\mu-x)", "latex")
mv2 = A(MVN + " (solution 1, M = Σ⁻¹, z = μ − x)", MVN_F, MVN_SHAPES, "Sigma", r"\frac{\partial f}{\partial \Sigma} &= - M^Tzz^TM^T", "latex",
        ("M = inv(Sigma)", "z = mu - x"))
mv3 = A(MVN + " (the asker, from cookbook rule 81)", MVN_F, MVN_SHAPES, "mu", r"-(\Sigma^{-1} + \Sigma^{-T}) (x-\mu)", "latex")
cv1 = A(MLE_COV, COV, COV_SHAPES, "Sigma",
        r"-\frac n2\Sigma^{-1}+\frac12\Sigma^{-2}\sum_{i=1}^{n}(x_i-\mu)(x_i-\mu)^T", "latex", verdict=W, diagnosis="other")

# -- logistic and softmax --------------------------------------------------------------------------------
qs1 = A(QASTACK, NLL_MEAN, "X:m,n theta:n y:m:binary", "theta",
        r"\frac{\partial J(\theta)}{\partial \theta} = \frac{1}{m} \cdot X^T\big(\sigma(X\theta) - y\big)", "latex")
im1 = A(IMATH_CV + " (the question)", "-sum(b*log(sigmoid(A@x)) + (1 - b)*log(1 - sigmoid(A@x)))", "A:m,n x:n b:m:binary", "x",
        r"A^\top\left( \text{sigmoid}~(Ax)-b\right)", "latex")
im2 = A(IMATH_CV + " (best answer, a step; its unbalanced parenthesis read literally: (Aᵀσ(Ax)) ⊙ (𝟙 − b))",
        "-sum(b*log(sigmoid(A@x)) + (1 - b)*log(1 - sigmoid(A@x)))/m", "A:m,n x:n b:m:binary", "x",
        r"-\frac{1}{m}\Big[A^T \big((\mathbb{1} - \sigma(Ax)) \odot b\big) - A^T\big(\sigma(Ax)) \odot (\mathbb{1} - b)\big)\Big]", "latex",
        verdict=W, diagnosis="shape")
ho1 = A(HOADM, "-sum(y*log(softmax(z)))", "z:1,k y:1,k:onehot", "z", r"\nabla_{\mathbf{z}} \text{CE} = \mathbf{p} - \mathbf{y}", "latex",
        ("p = softmax(z)",))
wd1 = A(WILDAN, "sum((y - X@w - b)**2)/n", XWY, "w", r"dw = \frac{1}{n} X^\top \left(\hat{y} - y\right)", "latex",
        ("yhat = X@w + b",), W, "factor")
wd2 = A(WILDAN, "sum((y - X@w - b)**2)/n", XWY, "b", r"db = \frac{1}{n} \sum_{i=1}^{n} \left(\hat{y}^{(i)} - y^{(i)}\right)", "latex",
        ("yhat = X@w + b",), W, "factor")

LATEX_REAL = [lw1, ps0, gq1, gq2, gq3, gq4, gf1, eth, rq1, uw1, uw2, fc1, tr1, tr2, vd1, mx1, mx2, mx3, mx4, tw1, fk1, fk2,
              fk3, fk4, aq1, aq2, nh1, nm1, nm2, dw1, dw2, dw3, dw4, hd1, hd2, xz1, pt1, mv1, mv2, mv3, cv1, qs1,
              im1, im2, ho1, wd1, wd2]

# -- more notes: Toronto CSC311, a CS229-notes trace identity, a Gaussian README, a course's hints --------------
CSC311 = "CSC311 Fall 2020 'Basic multivariable calculus' notes (Erdogdu), University of Toronto (powcoder copy) [typeset from the text]"
JAVASHUO = "http://hk.javashuo.com/article/p-voslmaix-eu.html (CS229 notes 'Class 2 Gradient Descent', ∇_A tr(ABAᵀC))"
SRDK = ("github.com/OpenSRDK/probability-rs src/continuous/elliptical/normal/README.md (the version with LᵀL = Σ) "
        "[aligned block: the lines after the left-hand side]")
HINTS = "'Some hints for Week 5's programming assignment' (ridge regression, scribd 518111862) [typeset from the text; r declared]"
c311a = A(CSC311 + " (a)", "x@y", "x:d y:d", "x", r"\nabla_x x^T y = y", "latex")
c311b = A(CSC311 + " (b)", "x@x", "x:d", "x", r"\nabla_x x^T x = 2x", "latex")
c311c = A(CSC311 + " (c), A ∈ R^{d×d} not said to be symmetric", "x@A@x", "x:d A:d,d", "x", r"\nabla_x x^T A x = 2Ax", "latex",
          verdict=W, diagnosis="other")
jv1 = A(JAVASHUO, "trace(A@B@A.T@C)", "A:m,n B:n,n C:m,m", "A", r"(\bigtriangledown)_A tr(ABA^TC)=CAB+C^TAB^T", "latex")
SRDK_LOSS = "-logdet(L.T@L)/2 - (x - mu)@inv(L.T@L)@(x - mu)/2"
SRDK_SHAPES = "x:n mu:n L:n,n"
sr1 = A(SRDK + " (Diff x)", SRDK_LOSS, SRDK_SHAPES, "x",
        r"\frac{\partial \log{p(\mathbf{x} \mid \bm{\mu}, \mathbf{L})}}{\partial \mathbf{x}} & = -\frac{1}{2} \Sigma^{-1} (2\mathbf{x}-2\bm{\mu}) \\ & = -(\mathbf{L}{ \mathbf{L}^\top})^{-1} (\mathbf{x}-\bm{\mu})",
        "latex", ("Sigma = L.T@L",), W, "other")
sr2 = A(SRDK + " (Diff mu)", SRDK_LOSS, SRDK_SHAPES, "mu",
        r"\frac{\partial \log{p(\mathbf{x} \mid \bm{\mu}, \mathbf{L})}}{\partial \bm{\mu}} & = \frac{1}{2} \Sigma^{-1} (2\mathbf{x}-2\bm{\mu}) \\ & = (\mathbf{L}^{ \top} \mathbf{L})^{-1} (\mathbf{x}-\bm{\mu})",
        "latex", ("Sigma = L.T@L",))
sr3 = A(SRDK + " (Diff lsigma, its last line)", SRDK_LOSS, SRDK_SHAPES, "L",
        r"((\mathbf{x}-\bm{\mu})(\mathbf{L}^{ \top} \mathbf{L})^{-1}(\mathbf{L}^{ \top} \mathbf{L})^{-1}(\mathbf{x}-\bm{\mu})^{\top} - ((\mathbf{L}^{ \top} \mathbf{L})^{-1})^T) \times \mathbf{L}",
        "latex", verdict=W, diagnosis="shape")
HINTS_LOSS = "sum((y - (X@w + b))**2) + lambda*w@w"
HINTS_WHERE = ("r = y - (X@w + b)",)
hi1 = A(HINTS + " (4.)", HINTS_LOSS, XWY, "b", r"\frac{dL}{db} = 2 \sum_{i=1}^{n} r_i", "latex", HINTS_WHERE, W, "sign")
hi2 = A(HINTS + " (5.)", HINTS_LOSS, XWY, "w", r"\frac{dL}{dw} = -2 \sum_{i=1}^{n} r_i x^{(i)} + 2\lambda w", "latex", HINTS_WHERE)

LATEX_MORE = [c311a, c311b, c311c, jv1, sr1, sr2, sr3, hi1, hi2]

LATEX_VARIANTS = [
    variant(lw1, r"X^T z + \lambda \theta", "sign"),
    variant(lw1, r"z^T X - \lambda \theta^T", "transpose"),
    variant(gf1, r"\boldsymbol{A} (\boldsymbol{A}^\top\boldsymbol{x} - \boldsymbol{b})", "shape"),
    variant(rq1, r"-2X'(y - Xw) + \lambda w", "factor"),
    variant(nm1, r"H^T(WH-V)", "shape"),
    variant(nm2, r"(WH-V)^TW", "transpose"),
    variant(pt1, r"-2P(X-PTKV)V K", "shape"),
    variant(mv1, r"(\Sigma^{-1}+\Sigma^{-T})\,(x-\mu)", "sign"),
    variant(hd2, r"2\Big(W\odot W\odot(UV^T-A)\Big)^T V", "shape"),
    variant(cv1, r"-\frac n2\Sigma^{-1}+\frac12\Sigma^{-1}\left(\sum_{i=1}^{n}(x_i-\mu)(x_i-\mu)^T\right)\Sigma^{-1}", None, C),
    variant(qs1, r"\frac{1}{m} X^T\big(y - \sigma(X\theta)\big)", "sign"),
    variant(uw1, r"-2H^T(y - Hw) + 2w", "factor"),
]

# --------------------------------------------------------------------------------------------------
# numpy
# --------------------------------------------------------------------------------------------------
np_qs = A(QASTACK + " (its Python implementation)", "-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))/m",
          "X:m,n w:n y:m:binary", "w", """\
def sig(z):
    return 1/(1+np.e**-(z))
def compute_grad(X, y, w):
    m = X.shape[0]
    Z = w.dot(X.T)
    A = sig(Z)
    return (-1/ m) * (X.T * (A - y)).sum(axis=1)
""", "numpy", verdict=W, diagnosis="sign")
np_luk = A(LUKAEMON, "sum(-y*log(sigmoid(X@theta)) - (1 - y)*log(1 - sigmoid(X@theta)))/n", "X:n,d theta:d y:n:binary", "theta", """\
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def gradient(theta, X, y):
    '''just 1 batch gradient'''
    return (1 / len(X)) * X.T @ (sigmoid(X @ theta) - y)
""", "numpy")
np_cqsi = A(CQSI, NLL_MEAN, "X:m,d theta:d y:m:binary", "theta", """\
def gradient(theta, X, y):
    m = len(y)
    return ((1/m) * X.T @ (sigmoid(X @ theta) - y))
""", "numpy")
np_yoav = A(YOAVRAM, "sum((X@a)*(1 - Y) + log(1 + exp(-(X@a))))/n", "X:n,d a:d Y:n:binary", "a", """\
nsamples = Y.shape[0]

Yhat = expit(X @ a)
δ = Yhat - Y
grad = X.T @ δ / nsamples
""", "numpy")
np_sar_w = A(SARFARAZ, DL_LOGREG, DL_SHAPES, "w", """\
m = X.shape[1]

A = sigmoid(np.dot(w.T,X)+b)
cost = -np.sum((Y*np.log(A))+((1-Y)*np.log(1-A)))/m

dw = np.dot(X,(A-Y).T)/m
""", "numpy")
np_sar_b = A(SARFARAZ, DL_LOGREG, DL_SHAPES, "b", """\
m = X.shape[1]

A = sigmoid(np.dot(w.T,X)+b)
cost = -np.sum((Y*np.log(A))+((1-Y)*np.log(1-A)))/m

dw = np.dot(X,(A-Y).T)/m
db = np.sum((A-Y)/m)
""", "numpy")
np_asaf_w = A(ASAF, DL_LOGREG, DL_SHAPES, "w", """\
m = X.shape[1]
dz = (1 / m) * (A - Y)
dw = np.dot(X, dz.T)
""", "numpy", DL_A)
np_asaf_b = A(ASAF, DL_LOGREG, DL_SHAPES, "b", """\
m = X.shape[1]
dz = (1 / m) * (A - Y)
dw = np.dot(X, dz.T)
db = np.sum(dz)
""", "numpy", DL_A)
np_shev_w = A(SHEVIV, DL_LOGREG, DL_SHAPES, "w", """\
def sigmoid(xc):
    s = 1 / (1 + np.exp(-xc))
    return s
m = X.shape[1]
A = sigmoid(np.dot(w.T, X) + b)
cost = -1/m * (np.dot(Y, np.log(A).T) + np.dot((1-Y), np.log(1 - A).T))
dw = 1 / m * (np.dot(X, (A - Y).T))
""", "numpy")
np_shev_b = A(SHEVIV, DL_LOGREG, DL_SHAPES, "b", """\
def sigmoid(xc):
    s = 1 / (1 + np.exp(-xc))
    return s
m = X.shape[1]
A = sigmoid(np.dot(w.T, X) + b)
db = 1 / m * (np.sum(A - Y))
""", "numpy")
np_y1ran = A(Y1RAN, DL_LOGREG, DL_SHAPES, "w", """\
m = X.shape[1]

# FORWARD PROPAGATION (FROM X TO COST)
A = sigmoid(np.dot(X.T ,w) + b)                                  # compute activation
cost = -1 / m * (np.dot(Y,np.log(A)) + np.dot((1 - Y), np.log(1 - A)))                           # compute cost

# BACKWARD PROPAGATION (TO FIND GRAD)
import math
dw = 1 / m * np.dot(X, (A - Y.T))
""", "numpy")
np_y1ran_b = A(Y1RAN, DL_LOGREG, DL_SHAPES, "b", """\
m = X.shape[1]
A = sigmoid(np.dot(X.T ,w) + b)                                  # compute activation
db = 1 / m * np.sum((A - Y.T).T)
""", "numpy")
LAMBD_LOSS = DL_LOGREG + " + lambd/(2*m)*sum(w.T)"
np_lambd = A(LAMBD, LAMBD_LOSS, DL_SHAPES, "w", """\
m = X.shape[1]
Z = np.dot(w.T, X) + b
A = sigmoid(Z)
dw = 1/m*np.dot(X, (A-Y).T) - lambd/m*w
""", "numpy", verdict=W, diagnosis="other")
np_lambd_l2 = A("variant of " + LAMBD + " (judged against the L2 penalty it meant, lambd/(2m)·‖w‖²)",
                DL_LOGREG + " + lambd/(2*m)*sum(w*w)", DL_SHAPES, "w", np_lambd["answer"], "numpy", verdict=W, diagnosis="sign")
np_pl_W2 = A(PLANAR, PLANAR_LOSS, PLANAR_SHAPES, "W2", """\
m = X.shape[1]
dZ2= A2-Y
dW2 = (1/m)*np.dot(dZ2, A1.T)
""", "numpy", PLANAR_WHERE)
np_pl_b2 = A(PLANAR, PLANAR_LOSS, PLANAR_SHAPES, "b2", """\
m = X.shape[1]
dZ2= A2-Y
dW2 = (1/m)*np.dot(dZ2, A1.T)
db2 = (1/m)*np.sum(dZ2, axis=1, keepdims=True)
""", "numpy", PLANAR_WHERE)
np_pl_W1 = A(PLANAR, PLANAR_LOSS, PLANAR_SHAPES, "W1", """\
m = X.shape[1]
dZ2= A2-Y
dW2 = (1/m)*np.dot(dZ2, A1.T)
db2 = (1/m)*np.sum(dZ2, axis=1, keepdims=True)
dZ1 = np.dot(W2.T, dZ2) * (1-np.power(A1, 2))
dW1 = (1/m)*np.dot(dZ1, X.T)
""", "numpy", PLANAR_WHERE)
np_pl_b1 = A(PLANAR, PLANAR_LOSS, PLANAR_SHAPES, "b1", """\
m = X.shape[1]
dZ2= A2-Y
dZ1 = np.dot(W2.T, dZ2) * (1-np.power(A1, 2))
dW1 = (1/m)*np.dot(dZ1, X.T)
db1 = (1/m)*np.sum(dZ1, axis=1, keepdims=True)
""", "numpy", PLANAR_WHERE)
LOY_HEAD = """\
def sigmoid_derivative(x):
    return x * (1.0 - x)

layer1 = sigmoid(np.dot(X, weights1)+b1)
output = sigmoid(np.dot(layer1, weights2)+b2)

# application of the chain rule to find derivative of the loss function with respect to weights2 and weights1
"""
np_loy_2 = A(LOY, LOY_LOSS, LOY_SHAPES, "weights2", LOY_HEAD + """\
d_weights2 = np.dot(layer1.T, (2*(y - output) * sigmoid_derivative(output)))
""", "numpy", verdict=W, diagnosis="sign")
np_loy_1 = A(LOY, LOY_LOSS, LOY_SHAPES, "weights1", LOY_HEAD + """\
d_weights1 = np.dot(X.T,  (np.dot(2*(y - output) * sigmoid_derivative(output), weights2.T) * sigmoid_derivative(layer1)))
""", "numpy", verdict=W, diagnosis="sign")
np_prince = A(PRINCE, "-sum(y*log(softmax(X@W)))/n", "X:n,d W:d,k y:n,k:onehot", "W", """\
def softmax(x):
    ex = np.exp(x - np.max(x, axis=1, keepdims=True))
    return ex / np.sum(ex, axis=1, keepdims=True)

logits = X @ W
pred = softmax(logits)

# Backward pass
grad = (pred - y) / len(X)
dW = X.T @ grad
""", "numpy")
np_geron = A(GERON, "sum((X_b@theta - y)**2)/m", "X_b:m,d theta:d,1 y:m,1", "theta", """\
gradients = 2/m * X_b.T.dot(X_b.dot(theta) - y)
""", "numpy")
np_garda = A(GARDA, "sum((X@theta - y)**2)/(2*m)", "X:m,d theta:d,1 y:m,1", "theta", """\
m = len(X)
grad = (1/m) * np.transpose(np.dot(np.transpose(np.dot(X, theta) - y), X))
""", "numpy")
np_linb = A(LINREG_B, "sum((X@theta - y)**2)/n", "X:n,d theta:d y:n", "theta", """\
# Size of batch
B = X.shape[0]
# Linear regression model X * theta
predictions = X.dot(theta)
# Residual error (X * theta) - y
error = predictions - y
# Loss function is MSE
loss_f = np.mean(error ** 2)
# Partial derivative for GD, X^T * ((X * theta) - y)
g = (1 / B) * X.T.dot(error)
""", "numpy", verdict=W, diagnosis="factor")
np_ag_ols = A(AUTOGRAD, "sum((X@theta - y)**2)/n", "X:n,d theta:d y:n", "theta", """\
def grad_fun(X, y, theta):
    n = y.shape[0]
    return (2.0/n) * X.T @ (X @ theta - y)
""", "numpy")
np_ag_ridge = A(AUTOGRAD, "sum((X@theta - y)**2)/n + lmb*theta@theta", "X:n,d theta:d y:n", "theta", """\
def grad_fun(X, y, theta):
    n = y.shape[0]
    return -(2.0/n) * X.T @ (X @ theta - y) + 2*lmb*theta
""", "numpy", verdict=W, diagnosis="sign")
TOMER_HEAD = """\
def sigmoid(X_L, W, bias):
    output_layer = X_L.T @ W + bias
    output_layer -= np.max(output_layer)
    probs = (np.exp(output_layer).T / np.sum(np.exp(output_layer), axis=1)).T
    return probs


probs = sigmoid(X, W, bias)
m = X.shape[1]
"""
np_tomer_W = A(TOMER, TOMER_LOSS, TOMER_SHAPES, "W", TOMER_HEAD + """\
grad_W = (-1 / m) * (X @ (C.T - probs))
""", "numpy", ("C = CT.T",))
np_tomer_b = A(TOMER, TOMER_LOSS, TOMER_SHAPES, "bias", TOMER_HEAD + """\
grad_W = (-1 / m) * (X @ (C.T - probs))
grad_b = (-1 / m) * (np.sum(C.T - probs, axis=0)).T
""", "numpy", ("C = CT.T",))
np_tomer_old = A(TOMER_OLD, "-sum(cT*log(softmax(X_L.T@W)))/m", "X_L:d,m W:d,l cT:m,l:onehot", "W", """\
def sigmoid(X_L, W):
    output_layer = X_L.T @ W
    output_layer -= np.max(output_layer)
    probability = np.exp(output_layer) / np.sum(np.exp(output_layer), axis=1)
    return probability


def softmax_gradient(X_L, W, c):
    m = X_L.shape[1]
    prob = sigmoid(X_L, W)
    gradient = (-1/m)*X_L@(prob - c.T)
    return gradient
""", "numpy", ("c = cT.T",), W, "shape")
MINPY_BODY = """\
x_plain = np.reshape(x, (x.shape[0], -1))

db = np.sum(dout, axis=0)

dx_plain = np.dot(dout, np.transpose(w))

dx = np.reshape(dx_plain, x.shape)
dw = np.dot(np.transpose(x_plain), dout)
"""
np_minpy_w = A(MINPY, AFFINE, AFFINE_SHAPES, "w", MINPY_BODY, "numpy")
np_minpy_x = A(MINPY, AFFINE, AFFINE_SHAPES, "x", """\
x_plain = np.reshape(x, (x.shape[0], -1))

db = np.sum(dout, axis=0)

dx_plain = np.dot(dout, np.transpose(w))

dx = np.reshape(dx_plain, x.shape)
""", "numpy")
np_minpy_b = A(MINPY, AFFINE, AFFINE_SHAPES, "b", """\
x_plain = np.reshape(x, (x.shape[0], -1))

db = np.sum(dout, axis=0)
""", "numpy")
np_ones_b = A(ONESDOT, AFFINE, AFFINE_SHAPES, "b", """\
N = x.shape[0]
x_flatten = x.reshape((N, -1))

dx = np.reshape(np.dot(dout, w.T), x.shape)
dw = np.dot(x_flatten.T, dout)
db = np.dot(np.ones((N,)), dout)
""", "numpy")
np_ones_w = A(ONESDOT, AFFINE, AFFINE_SHAPES, "w", """\
N = x.shape[0]
x_flatten = x.reshape((N, -1))

dx = np.reshape(np.dot(dout, w.T), x.shape)
dw = np.dot(x_flatten.T, dout)
""", "numpy")
np_prod_w = A(PRODRESHAPE, AFFINE, AFFINE_SHAPES, "w", """\
x2 = x.reshape(x.shape[0], np.prod(x.shape[1:]))
dx = (dout@w.T).reshape(x.shape)
dw = x2.T@dout
""", "numpy")
np_prod_b = A(PRODRESHAPE, AFFINE, AFFINE_SHAPES, "b", """\
x2 = x.reshape(x.shape[0], np.prod(x.shape[1:]))
dx = (dout@w.T).reshape(x.shape)
dw = x2.T@dout
db = np.sum(dout.T, axis=1)
""", "numpy")
np_keep_b = A(KEEPDIMS, "sum(dout*(X@W + b))", "X:N,D W:D,M b:1,M dout:N,M", "b", """\
X_ = X.reshape(X.shape[0], -1)
dX = np.dot(dout, W.T)
dW = np.dot(X_.T, dout)
db = np.sum(dout, axis=0, keepdims=True)
""", "numpy")
np_keep_X = A(KEEPDIMS, "sum(dout*(X@W + b))", "X:N,D W:D,M b:1,M dout:N,M", "X", """\
X_ = X.reshape(X.shape[0], -1)
dX = np.dot(dout, W.T)
""", "numpy")

NUMPY_REAL = [np_qs, np_luk, np_cqsi, np_yoav, np_sar_w, np_sar_b, np_asaf_w, np_asaf_b, np_shev_w, np_shev_b, np_y1ran,
              np_y1ran_b, np_lambd, np_pl_W2, np_pl_b2, np_pl_W1, np_pl_b1, np_loy_2, np_loy_1, np_prince, np_geron,
              np_garda, np_linb, np_ag_ols, np_ag_ridge, np_tomer_W, np_tomer_b, np_tomer_old, np_minpy_w, np_minpy_x,
              np_minpy_b, np_ones_b, np_ones_w, np_prod_w, np_prod_b, np_keep_b, np_keep_X]

# -- more numpy: MIT 6.036 (OCW), lasso away from kinks, loops, loss classes --------------------------------------
MIT = "github.com/amingma/ocw (MIT 6.036 linear regression gradients notebook: x is d by n, th is d by 1)"
ZHOU = "github.com/zhouyangithub/Machine_Learning LASSO.py l1_loss [body unrolled]"
LOOPS = ("GradientLR.gradient (code index, Russian comments; loops over features and samples) [self.w → w, self.coef → coef; "
         "loss: the objective the gradient implies, the class shows none]")
GRADCLS = "class Gradients: OLS / Ridge __call__ (code index) [methods written as functions, self.l → l]"
LASSOCLS = "class LASSO(_LinearRegression)._gradient_func (code index) [self._num_points → n, self.llambda → llambda]"
ELGONIO = "github.com/elgonio/ML_project nn_loss.py mse_prime"
MASAMI = "github.com/masamibf/numpy-for-CNN losses.py mean_squared_loss [body unrolled]"
MSECLS = "class MSELoss __call__ (code index: 'loss = (x-y)^2, dL/dx = 2(x-y)') [body unrolled]"
DUFOUR = "MSEloss.backward (code index, Jérémy Dufourmantelle; forward sums each row) [self dropped]"
DLLIB = "dllib MeanSquaredError.grad (code index; call is ½·mean) [self dropped; y of shape (N,)]"
DINPUTS = "MeanSquaredError.backward (code index; forward is a mean over the last axis) [self.set_d_inputs(v) written d_inputs = v]"
MIT_HELPERS = """\
def lin_reg(x, th, th0):
    return np.dot(th.T, x) + th0

# Write a function that returns the gradient of lin_reg(x, th, th0)
# with respect to th
def d_lin_reg_th(x, th, th0):
    return x

def d_square_loss_th(x, y, th, th0):
    return -2*d_lin_reg_th(x, th, th0)*(y - lin_reg(x, th, th0))

"""
np_mit = A(MIT, "sum((y - (th.T@x + th0))**2)/n", "x:d,n y:1,n th:d,1", "th", MIT_HELPERS + """\
def d_mean_square_loss_th(x, y, th, th0):
    return np.mean(d_square_loss_th(x, y, th, th0), axis=1, keepdims=True)
""", "numpy")
ZHOU_HEAD = """\
def sign(x):
    if x >0:
        return 1
    elif x == 0:
        return 0
    else:
        return -1
vec_sign = np.vectorize(sign)

num_train = X.shape[0]
num_feature = X.shape[1]
y_hat = X@w + b
loss = np.sum((y_hat-y)**2)/num_train+np.sum(alpha*abs(w))
"""
ZHOU_LOSS = "sum((X@w + b - y)**2)/n + alpha*sum(abs(w))"
np_zhou_w = A(ZHOU, ZHOU_LOSS, XWY, "w", ZHOU_HEAD + "dw = np.dot(X.T,(y_hat-y))/num_train+alpha*vec_sign(w) \n", "numpy",
              verdict=W, diagnosis="factor")
np_zhou_b = A(ZHOU, ZHOU_LOSS, XWY, "b", ZHOU_HEAD + "db = np.sum((y_hat-y))/num_train\n", "numpy", verdict=W, diagnosis="factor")
np_loops = A(LOOPS, "sum((X@w - y)**2) + coef*sum(abs(w))", XWY, "w", """\
def sign(x):
    return (2 * (x > 0) - 1) * (x != 0)

n, k = X.shape
grad = np.zeros(k)
for ind in range(k):
    for i in range(n):
        grad[ind] += X[i][ind] * (np.dot(w.T, X[i]) - y[i])
    grad[ind] *= 2
    grad[ind] += coef * sign(w[ind])
""", "numpy")
np_gcls_ols = A(GRADCLS, "sum((X@theta - y)**2)/n", "X:n,d theta:d y:n", "theta", """\
def ols_gradient(theta, X, y):
    return 2/X.shape[0] * (X.T @ X @ theta - X.T @ y)
""", "numpy")
np_gcls_ridge = A(GRADCLS, "sum((X@theta - y)**2)/n + l*theta@theta", "X:n,d theta:d y:n", "theta", """\
def ridge_gradient(theta, X, y):
    return 2/X.shape[0] * (X.T @ X @ theta - X.T @ y) + 2*l*theta
""", "numpy")
np_lassocls = A(LASSOCLS, "sum((X@theta - y)**2)/n + llambda*sum(abs(theta))", "X:n,d theta:d y:n", "theta", """\
def _gradient_func(X, y, theta):
    return (2.0/n)*(X.T @ X @ theta - X.T @ y) + llambda*np.sign(theta)
""", "numpy")
np_elgonio = A(ELGONIO, "sum((y_true - y_pred)**2)/n", "y_true:n y_pred:n", "y_pred", """\
def mse_prime( y_true, y_pred ):
    return 2 * ( y_pred - y_true ) / y_true.size
""", "numpy")
np_masami = A(MASAMI, "sum((y_predict - y_true)**2)/N", "y_predict:N,d y_true:N,d", "y_predict", """\
loss = np.mean(np.sum(np.square(y_predict - y_true), axis=-1))  # 损失函数值
dy = y_predict - y_true  # 损失函数关于网络输出的梯度
""", "numpy", verdict=W, diagnosis="factor")
np_msecls = A(MSECLS, "sum((x - y)**2)/(N*d)", "x:N,d y:N,d", "x", """\
batch_size = np.prod(x.shape)
loss = ((x-y)**2).mean()
dx = 2*(x-y)
dx = dx/batch_size
""", "numpy")
np_dufour = A(DUFOUR, "sum((y - yhat)**2)", "y:n,k yhat:n,k", "yhat", """\
def backward(y, yhat):

    return 2*(yhat-y)
""", "numpy")
np_dllib = A(DLLIB, "sum((y_pred - y_true)**2)/(2*N)", "y_true:N y_pred:N", "y_pred", """\
def grad(y_true, y_pred):
    return (y_pred - y_true) / y_true.shape[0]
""", "numpy")
np_dllib_2d = A("variant of " + DLLIB + " (judged on an (N, k) output: the mean is over N·k entries)",
                "sum((y_pred - y_true)**2)/(2*N*k)", "y_true:N,k y_pred:N,k", "y_pred", np_dllib["answer"], "numpy",
                verdict=W, diagnosis="factor")
np_dinputs = A(DINPUTS, "sum((y_true - d_values)**2)/(N*k)", "d_values:N,k y_true:N,k", "d_values", """\
d_inputs = -2 * (y_true - d_values) / len(d_values[0])
d_inputs = d_inputs / len(d_values)
""", "numpy")

NUMPY_MORE = [np_mit, np_zhou_w, np_zhou_b, np_loops, np_gcls_ols, np_gcls_ridge, np_lassocls, np_elgonio, np_masami,
              np_msecls, np_dufour, np_dllib, np_dinputs]

NUMPY_VARIANTS = [
    np_lambd_l2,
    np_dllib_2d,
    variant(np_luk, np_luk["answer"].replace("(sigmoid(X @ theta) - y)", "(y - sigmoid(X @ theta))"), "sign"),
    variant(np_luk, np_luk["answer"].replace("X.T @ (", "(").replace(" - y)", " - y) @ X.T"), "shape"),
    variant(np_sar_w, np_sar_w["answer"].replace("dw = np.dot(X,(A-Y).T)/m", "dw = np.dot(X,(A-Y).T)"), "factor"),
    variant(np_sar_w, np_sar_w["answer"].replace("dw = np.dot(X,(A-Y).T)/m", "dw = np.dot((A-Y),X.T)/m"), "transpose"),
    variant(np_pl_W1, np_pl_W1["answer"].replace("(1-np.power(A1, 2))", "(1-A1)"), "other"),
    variant(np_pl_W1, np_pl_W1["answer"].replace("dZ1 = np.dot(W2.T, dZ2) * (1-np.power(A1, 2))",
                                                 "dZ1 = np.dot(W2.T, dZ2)"), "other"),
    variant(np_prince, np_prince["answer"].replace("grad = (pred - y) / len(X)", "grad = (pred - y)"), "factor"),
    variant(np_geron, "gradients = 2/m * X_b.T.dot(X_b.dot(theta) - y.T)\n", "shape"),
    variant(np_tomer_W, np_tomer_W["answer"].replace("(-1 / m) * (X @ (C.T - probs))", "(1 / m) * (X @ (C.T - probs))"), "sign"),
    variant(np_minpy_w, MINPY_BODY.replace("dw = np.dot(np.transpose(x_plain), dout)", "dw = np.dot(np.transpose(dout), x_plain)"),
            "transpose"),
    variant(np_ones_b, np_ones_b["answer"].replace("db = np.dot(np.ones((N,)), dout)", "db = np.dot(dout, np.ones((N,)))"), "shape"),
    variant(np_ag_ols, np_ag_ols["answer"].replace("(2.0/n)", "(1.0/n)"), "factor"),
]

ANSWERS: list[dict] = LATEX_REAL + LATEX_MORE + LATEX_VARIANTS + NUMPY_REAL + NUMPY_MORE + NUMPY_VARIANTS

# --------------------------------------------------------------------------------------------------
# the ground truth: each LaTeX answer in numpy (declared vectors as (n, 1) columns, λ as lambda_), for a
# central-difference check of the expected verdicts (numpy answers are run as they are)
# --------------------------------------------------------------------------------------------------
TRUTH = {
    lw1["answer"]: "X.T@z - lambda_*theta",
    ps0["answer"]: "A@x",
    gq1["answer"]: "A.T@A@x - A.T@b",
    gq2["answer"]: "A.T@A@x - b.T@A",
    gq3["answer"]: "(A.T@A@x + (A@x).T@A - 2*b.T@A)/2",
    gq4["answer"]: "A.T@(A@x - b)",
    gf1["answer"]: "A.T@(A@x - b)",
    eth["answer"]: "2*(X.T@X@w - X.T@y + lambda_*w)",
    rq1["answer"]: "-2*X.T@(y - X@w) + 2*lambda_*w",
    uw1["answer"]: "-2*H.T@(y - H@w) + 2*lambda_*w",
    uw2["answer"]: "-2*H.T@(y - H@w)",
    fc1["answer"]: "-w/sigma**2 + X.T@(t - sigmoid(X@w))",
    tr1["answer"]: "2*X.T@X@W - 2*X.T@Y",
    tr2["answer"]: "2*X.T@X@W",
    vd1["answer"]: "(A + A.T + 2*x@x.T)@w",
    mx1["answer"]: "2*F.T@(F@w - t)",
    mx2["answer"]: "w.T@(F.T@F + F.T@F)",
    mx3["answer"]: "(F.T@t).T",
    mx4["answer"]: "F.T@t",
    tw1["answer"]: "2*X.T@X@W",
    fk1["answer"]: "2*inv(Psi)@W@z@z.T",
    fk2["answer"]: "inv(Psi)@x@z.T",
    fk3["answer"]: "2*inv(Psi)@x@z.T",
    fk4["answer"]: "2*U*(2*inv(Psi)@(U*U)@z@z.T)",
    aq1["answer"]: "-2*X*norm(Y - X@W)",
    aq2["answer"]: "2*X.T@(Y - X@W)",
    nh1["answer"]: "-2*W.T@(A - W@H)",
    nm1["answer"]: "(W@H - V)@H.T",
    nm2["answer"]: "W.T@(W@H - V)",
    dw1["answer"]: "2*(D.T@D@W - D.T@X)",
    dw2["answer"]: "2*D.T@D@W",
    dw3["answer"]: "D.T@X",
    dw4["answer"]: "D.T@X",
    hd1["answer"]: "2*(W*(U@V.T - A))@V",
    hd2["answer"]: "2*(W*W*(U@V.T - A))@V",
    xz1["answer"]: "2*(X.T@X)@Z@W@Z.T - 2*(X.T@X)@Z",
    pt1["answer"]: "-2*P.T@(X - P@T@K@V)@V.T@K.T",
    mv1["answer"]: "(inv(Sigma) + inv(Sigma).T)@(mu - x)",
    mv2["answer"]: "-inv(Sigma).T@(mu - x)@(mu - x).T@inv(Sigma).T",
    mv3["answer"]: "-(inv(Sigma) + inv(Sigma).T)@(x - mu)",
    cv1["answer"]: "-n/2*inv(Sigma) + inv(Sigma)@inv(Sigma)@(X - ones((n,1))@mu.T).T@(X - ones((n,1))@mu.T)/2",
    qs1["answer"]: "X.T@(sigmoid(X@theta) - y)/m",
    im1["answer"]: "A.T@(sigmoid(A@x) - b)",
    im2["answer"]: "-(A.T@((1 - sigmoid(A@x))*b) - (A.T@sigmoid(A@x))*(1 - b))/m",
    ho1["answer"]: "softmax(z) - y",
    wd1["answer"]: "X.T@(X@w + b - y)/n",
    wd2["answer"]: "np.sum(X@w + b - y)/n",
    c311a["answer"]: "y",
    c311b["answer"]: "2*x",
    c311c["answer"]: "2*A@x",
    jv1["answer"]: "C@A@B + C.T@A@B.T",
    sr1["answer"]: "-inv(L@L.T)@(x - mu)",
    sr2["answer"]: "inv(L.T@L)@(x - mu)",
    sr3["answer"]: "((x - mu)@inv(L.T@L)@inv(L.T@L)@(x - mu).T - inv(L.T@L).T)@L",
    hi1["answer"]: "2*np.sum(r)",
    hi2["answer"]: "-2*X.T@r + 2*lambda_*w",
    # variants
    r"X^T z + \lambda \theta": "X.T@z + lambda_*theta",
    r"z^T X - \lambda \theta^T": "z.T@X - lambda_*theta.T",
    r"\boldsymbol{A} (\boldsymbol{A}^\top\boldsymbol{x} - \boldsymbol{b})": "A@(A.T@x - b)",
    r"-2X'(y - Xw) + \lambda w": "-2*X.T@(y - X@w) + lambda_*w",
    r"H^T(WH-V)": "H.T@(W@H - V)",
    r"(WH-V)^TW": "(W@H - V).T@W",
    r"-2P(X-PTKV)V K": "-2*P@(X - P@T@K@V)@V@K",
    r"(\Sigma^{-1}+\Sigma^{-T})\,(x-\mu)": "(inv(Sigma) + inv(Sigma).T)@(x - mu)",
    r"2\Big(W\odot W\odot(UV^T-A)\Big)^T V": "2*(W*W*(U@V.T - A)).T@V",
    r"-\frac n2\Sigma^{-1}+\frac12\Sigma^{-1}\left(\sum_{i=1}^{n}(x_i-\mu)(x_i-\mu)^T\right)\Sigma^{-1}":
        "-n/2*inv(Sigma) + inv(Sigma)@(X - ones((n,1))@mu.T).T@(X - ones((n,1))@mu.T)@inv(Sigma)/2",
    r"\frac{1}{m} X^T\big(y - \sigma(X\theta)\big)": "X.T@(y - sigmoid(X@theta))/m",
    r"-2H^T(y - Hw) + 2w": "-2*H.T@(y - H@w) + 2*w",
}

TRUTH_WHERE = {
    LWLR_WHERE: ("z = wt*(y - sigmoid(X@theta))",),
    HINTS_WHERE: ("r = y - (X@w + b)",),
}

__all__ = ["ANSWERS", "TRUTH", "TRUTH_WHERE"]
