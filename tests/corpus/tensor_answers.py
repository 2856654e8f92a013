"""Real vector and matrix gradient answers, in the notation of public course notes, homework solutions
and Q&A threads, with the verdict each deserves (issue 16's proof; ``benchmarks/tensor_corpus.py`` scores them).

How it was gathered: the ``search`` index (code, pages, docs) and ``read_file``/``find_string`` were used to
read how people really write these gradients: cs231n assignment code on GitHub (softmax_loss_vectorized,
svm_loss_vectorized, two_layer_net, the neural-networks case study, optimization-2's "gradients for vectorized
operations"), the math.stackexchange thread on cs231n's ``dW = np.dot(X.T, dscores)``, d2l.ai (linear and
softmax regression, the MLP backprop section, the calculus appendix), Nielsen's chapter 2 (BP1-BP4) and his
network.py, CS229's normal equations and GDA (a student's notes), the Matrix Cookbook identities, students'
notes and homework repositories (ridge, lasso away from kinks, logistic with L2, two-layer nets), and the
"why is my gradient wrong" posts that give real mistakes.

Each entry copies the answer as written (LaTeX as in the source; numpy as in the notebook).  Where the source
needs a change to be checkable at all, the change is the smallest one and the source says so in brackets:
cs231n's integer labels ``dscores[range(N), y] -= 1`` become a one-hot ``Y`` (``dscores -= Y``), ``self.w``
becomes ``w``, a generic φ of d2l becomes σ, Nielsen's layer ``l`` becomes ``(1)``/``(2)``.  Entries whose
source starts "variant of" are single slips of a real answer (a dropped transpose, a lost 1/n, a sign, a
Hadamard written as a matrix product) with the diagnosis a careful grader would give.

Fields: ``source``; ``loss`` in symgrad's typed text syntax, as the source defines it (its own 1/N, its own
regularizer, log-likelihood when the source maximizes); ``shapes`` (``--shapes``); ``wrt``; ``answer``;
``notation`` (latex | numpy); ``where`` (the answer's own names, NAME = EXPR in the loss's names);
``verdict`` (correct | incorrect); ``diagnosis`` (sign, missing_term, extra_term, factor, transpose, shape,
other) or None.  The gradient asked for has the parameter's shape (a column for a vector), so a row written
in numerator layout (Parr & Howard, some cheat sheets) is judged ``incorrect``/``transpose`` here even where its
own convention makes it right.
"""
from __future__ import annotations

from tests.corpus.tensor_entries import A, C, W, variant  # noqa: F401


# --------------------------------------------------------------------------------------------------
# losses and shapes (cs231n's convention: X is N×D, W is D×C; the lecture's column one: x:d, W1:h,d)
# --------------------------------------------------------------------------------------------------
LS_HALF = "(X@theta - y)@(X@theta - y)/2"
LS_SHAPES = "X:n,d theta:d y:n"
D2L_LS = "norm(y - X@w)**2"
D2L_MB = "sum((X@w + b - y)**2)/(2*n)"
XWY = "X:n,d w:d y:n"

SOFTMAX_HALF = "-sum(Y*log(softmax(X@W)))/n + 0.5*reg*sum(W*W)"
SOFTMAX_FULL = "-sum(Y*log(softmax(X@W)))/n + reg*sum(W*W)"
SOFTMAX_SHAPES = "X:n,d W:d,k Y:n,k:onehot"
SVM_FULL = "sum((1 - Y)*maximum(0, X@W - (Y*(X@W))@ones((k,k)) + 1))/n + reg*sum(W*W)"
SVM_PLAIN = "sum((1 - Y)*maximum(0, X@W - (Y*(X@W))@ones((k,k)) + 1))/n"
CASE_LINEAR = "-sum(Y*log(softmax(X@W + b)))/n + 0.5*reg*sum(W*W)"
CASE_LINEAR_SHAPES = "X:n,d W:d,k b:1,k Y:n,k:onehot"
CASE_NET = "-sum(Y*log(softmax(relu(X@W + b)@W2 + b2)))/n + 0.5*reg*sum(W*W) + 0.5*reg*sum(W2*W2)"
CASE_NET_SHAPES = "X:n,d W:d,h b:1,h W2:h,k b2:1,k Y:n,k:onehot"
TWO_LAYER = "-sum(Y*log(softmax(relu(X@W1 + b1)@W2 + b2)))/n + 0.5*reg*(sum(W1*W1) + sum(W2*W2))"
TWO_LAYER_SHAPES = "X:n,d W1:d,h b1:h W2:h,k b2:k Y:n,k:onehot"
LAZY = "sum(T*log(softmax(sigmoid(X@W1 + b1)@W2 + b2)))"   # a log-likelihood, climbed (gradient ascent)
LAZY_SHAPES = "X:n,d W1:d,h b1:h W2:h,k b2:k T:n,k:onehot"
LAZY_WHERE = ("Z = sigmoid(X@W1 + b1)", "Y = softmax(Z@W2 + b2)")
PASTE_NET = "-sum(Y*log(softmax(sigmoid(X@W1 + b1)@W2 + b2)))"
PASTE_SHAPES = "X:n,d W1:d,h b1:h W2:h,k b2:k Y:n,k:onehot"
COLUMN_NET = "-sum(Yt*log(softmax((W2@relu(W1@X + b1@ones((1,n))) + b2@ones((1,n))).T)))/n"
COLUMN_SHAPES = "X:d,n W1:h,d b1:h,1 W2:k,h b2:k,1 Yt:n,k:onehot"
COLUMN_WHERE = ("Y = Yt.T", "P_batch = softmax((W2@relu(W1@X + b1@ones((1,n))) + b2@ones((1,n))).T).T")
NIELSEN = "sum((sigmoid(W2@sigmoid(W1@x + b1) + b2) - y)**2)/2"
NIELSEN_SHAPES = "x:d W1:h,d b1:h W2:k,h b2:k y:k"
NIELSEN_COLUMNS = "x:d,1 W1:h,d b1:h,1 W2:k,h b2:k,1 y:k,1"
NIELSEN_WHERE = (r"z^{(1)} = W^{(1)} x + b^{(1)}", r"a^{(1)} = \sigma(z^{(1)})",
                 r"z^{(2)} = W^{(2)} a^{(1)} + b^{(2)}", r"a^{(2)} = \sigma(z^{(2)})",
                 r"\delta^{(2)} = (a^{(2)} - y) \odot \sigma'(z^{(2)})",
                 r"\delta^{(1)} = ((W^{(2)})^T \delta^{(2)}) \odot \sigma'(z^{(1)})")
FORUM_NET = "sum((sigmoid(w2.T@sigmoid(w1.T@x)) - y)**2)/2"
FORUM_SHAPES = "x:d,1 w1:d,h w2:h,k y:k,1"
D2L_MLP = "sum((W2@sigmoid(W1@x) - y)**2)/2 + lambda/2*(sum(W1*W1) + sum(W2*W2))"
D2L_MLP_SHAPES = "x:d W1:h,d W2:q,h y:q"
D2L_MLP_WHERE = (r"\mathbf{z} = \mathbf{W}^{(1)} \mathbf{x}", r"\mathbf{h} = \sigma(\mathbf{z})",
                 r"\mathbf{o} = \mathbf{W}^{(2)} \mathbf{h}",
                 r"\frac{\partial J}{\partial \mathbf{o}} = \mathbf{o} - \mathbf{y}",
                 r"\frac{\partial J}{\partial \mathbf{h}} = {\mathbf{W}^{(2)}}^\top \frac{\partial J}{\partial \mathbf{o}}",
                 r"\frac{\partial J}{\partial \mathbf{z}} = \frac{\partial J}{\partial \mathbf{h}} \odot \sigma'\left(\mathbf{z}\right)")
LOGISTIC = "-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w)))"
LOGISTIC_L2 = "-sum(y*log(sigmoid(X@w)) + (1 - y)*log(1 - sigmoid(X@w))) + lambda*w@w"
LOGISTIC_SHAPES = "X:n,d w:d y:n:binary"
KYLE_SOFTMAX = "-sum(y*log(softmax(X@w)))"
KYLE_SOFTMAX_SHAPES = "X:n,m w:m,K y:n,K:onehot"
FELIX = "sum(y*log(1 + exp(-(x@w))) + (1 - y)*log(1 + exp(x@w)))/n"
FELIX_SHAPES = "x:n,d w:d y:n:binary"
GDA_MU = "-sum(((X - outer(ones(n), mu0))@inv(Sigma))*(X - outer(ones(n), mu0)))/2"
GDA_SIGMA = "-n*logdet(Sigma)/2 - trace((X - outer(ones(n), mu))@inv(Sigma)@(X - outer(ones(n), mu)).T)/2"
GDA_SHAPES = "X:n,d mu0:d mu:d Sigma:d,d:spd"

# --------------------------------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------------------------------
CS229_NE = ("CS229 lecture notes 1, normal equations (quoted in 'Fitting a Linear Model by the Normal Equation', "
            "riverplus 2017, huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1)")
LSQ_MD = "markdown notes 'logistic regression error' (code index: derivation of J = ½(Xθ − y)ᵀ(Xθ − y))"
D2L_LIN = "https://d2l.ai/chapter_linear-regression/linear-regression.html (analytic solution)"
D2L_SGD = "https://d2l.ai/chapter_linear-regression/linear-regression.html (minibatch SGD) [|B| written n]"
D2L_SOFT = "https://d2l.ai/chapter_linear-classification/softmax-regression.html (loss derivative) [batch O, Y]"
D2L_BP = "https://d2l.ai/chapter_multilayer-perceptrons/backprop.html (eqs. for ∂J/∂W⁽²⁾, ∂J/∂W⁽¹⁾) [φ written σ, l = ½‖o − y‖²]"
D2L_APPX = "https://d2l.ai/chapter_appendix-mathematics-for-deep-learning/multivariable-calculus.html (matrix calculus example)"
D2L_CALC = "https://d2l.ai/chapter_preliminaries/calculus.html (gradient rules)"
INGENJOY = "github.com/Ingenjoy/SelectedTopicsOptimization Chapters/02.Unconstrained/logistic.md"
KYLECLO = "github.com/kyleclo/legacy_kyleclo_github_io _posts/2016-12-28-deriving-the-backpropagation-algorithm.md"
ASHWIN = "github.com/ashwinreddy/wiki Mathematics/Vector-Calculus/Gradient.md"
QUADFORM = "markdown note 'Quadratic Form Derivative' (code index)"
CBJER = "github.com/cbjer/zettel _pages/202101161942_vectorCalculusResults.md"
MATRIXCALC_MD = "markdown note 'Matrix calculus' citing the Matrix Cookbook (code index file 41631401821)"
COOKBOOK = "The Matrix Cookbook (Petersen & Pedersen, 2012)"
GDA = "github.com/tohhongxiang/astro-blog src/collections/notes/machine-learning/chapter-4/gda.md (CS229 lecture 5)"
MSE_CS231N = "https://math.stackexchange.com/questions/2202549/cs231n-backpropagation-gradient (question)"
VECDERIVS = "cs231n 'Derivatives, Backpropagation, and Vectorization' (Johnson), Y = XW"
NIELSEN_CH2 = "http://neuralnetworksanddeeplearning.com/chap2.html BP1-BP4 in matrix form [layers l written (1), (2)]"
NIELSEN_PY = "github.com/mnielsen/neural-networks-and-deep-learning src/network.py backprop (via forums.fast.ai/t/7398) [two layers unrolled]"
PARR = "Parr & Howard, 'The Matrix Calculus You Need For Deep Learning' (numerator layout: ∂(w·x)/∂x = wᵀ)"
CS229_LOGISTIC = "CS229 lecture notes 1, logistic regression (∂ℓ/∂θ for one example, gradient ascent)"
FABIEN = "github.com/fabien102/DlaD_lab2 Softmax/softmax.py (cs231n softmax_loss_vectorized) [labels → one-hot Y]"
SOFTMAX_20434 = "cs231n softmax.py on GitHub (code index file 20434088600) [labels → one-hot Y]"
SOFTMAX_44972 = "cs231n softmax.py on GitHub (code index file 4497228755) [labels → one-hot Y]"
SOFTMAX_71171 = "cs231n softmax.py on GitHub, Chinese comments (code index file 71171494459) [labels → one-hot Y]"
SOFTMAX_18014 = "cs231n softmax.py on GitHub (code index file 18014158250) [ground_truth → one-hot Y]"
SOFTMAX_26933 = ("cs231n softmax.py on GitHub (code index file 26933697482): the student adds reg inside the TODO "
                 "and the template adds it again; dW gets reg·W + 2·reg·W [labels → one-hot Y]")
XOYOON = "github.com/xoyoon2/ai-practice classifiers/loss_grad_softmax.py [labels → one-hot Y]"
SVM_86595 = "cs231n linear_svm.py on GitHub, Chinese comments (code index file 865950872) [labels → one-hot Y]"
SVM_32055 = "cs231n linear_svm.py on GitHub (code index file 32055186768) [labels → one-hot Y]"
BROARTEM = "github.com/broartem/snippets python/numpy-ml.md (svm_loss_vectorized, 3-D broadcast) [labels → one-hot Y]"
CASE = "https://cs231n.github.io/neural-networks-case-study/ (as copied in github.com/yolunghiu/machine-learning 4.DL/cs231 and others) [labels → one-hot Y]"
TWO_35695 = "cs231n neural_net.py on GitHub (code index file 35695971167) [labels → one-hot Y]"
LAZYPROG = "github.com/saransh-mehta/EcommercePredictionNeuralNetwork derivatives.py (log-likelihood ascent)"
PASTEBIN_H5 = "https://pastebin.com/H5YW99wv (a student's dW1/db1: σ' as a matrix product, A1 dropped)"
PASTEBIN_FU = "https://pastebin.com/FU8rcJem (column-major net; divides by X.shape[0] = d, not n) [softmax as P_batch]"
FORUM = "https://howtodevelop.eu/question/numpy-python-basic-backpropagation-implementation-not-working,251411 [sigmoid(z, deriv=True) written out]"
STATS500902 = "https://stats.stackexchange.com/q/500902 (sigmoid neuron: dx = np.dot(W.T, z*(1-z)), dW = np.outer(...))"
OPT2 = "https://cs231n.github.io/optimization-2/ (gradients for vectorized operations, D = W.dot(X)) [dD given as G]"
FELIXSIMARD = "github.com/felixsimard/comp551-p2 GradientGiven.py [self.w → w]"
ZIYANG = "github.com/ZiyangJiao/Python_machineLearning project1/ridge.py"
WANHY = "github.com/wanhy13/Linear_regression ridge.py (lambda dropped from the gradient)"
ARIAMGO_RIDGE = "github.com/ariamgo/optimization-double-descent optimization_double_descent/objectives/ridge.py [self.lam → lam]"
ARIAMGO_LASSO = "github.com/ariamgo/optimization-double-descent optimization_double_descent/objectives/lasso.py [self.lam → lam]"
L1SUB = "lasso by sub-gradient, l1_sub_grad (code index: 'Solve lasso regularized least square by sub-gradient method')"
SUBGRAD_MSE = "lasso subgradient / Frank-Wolfe homework (code index: grad(x, A, b) = np.dot(A.T, np.dot(A, x) - b) / A.shape[0])"
GRAD_OLS = "grad.py — gradient descent for OLS / Ridge (code index) [np.asarray lines left out]"
RIDGE_CLASS = "RidgeRegression(LinearRegression) homework (code index): compute_loss has no λ, compute_grad has λ (default 0.1) [self.lambda_ → lam]"

# --------------------------------------------------------------------------------------------------
# LaTeX: least squares, ridge, logistic, softmax
# --------------------------------------------------------------------------------------------------
ne1 = A(CS229_NE, LS_HALF, LS_SHAPES, "theta", r"\nabla_{\theta}J(\theta) = X^{T}X\theta - X^{T}\vec{y}", "latex")
ne2 = A(LSQ_MD, LS_HALF, LS_SHAPES, "theta", r"X^T X \theta - X^T y", "latex")
ne3 = A(LSQ_MD, LS_HALF, LS_SHAPES, "theta", r"\frac{1}{2} [2 X^T X \theta - X^T y - (y^T X)^T]", "latex")
d2l1 = A(D2L_LIN, D2L_LS, XWY, "w", r"2 \mathbf{X}^\top (\mathbf{X} \mathbf{w} - \mathbf{y})", "latex")
d2l2 = A(D2L_SGD, D2L_MB, XWY, "w",
         r"\frac{1}{n} \sum_{i=1}^{n} \mathbf{x}^{(i)} \left(\mathbf{w}^\top \mathbf{x}^{(i)} + b - y^{(i)}\right)", "latex")
d2l3 = A(D2L_SGD, D2L_MB, XWY, "b", r"\frac{1}{n} \sum_{i=1}^{n} \left(\mathbf{w}^\top \mathbf{x}^{(i)} + b - y^{(i)}\right)", "latex")
d2l4 = A(D2L_SOFT, "-sum(Y*log(softmax(O)))", "O:n,q Y:n,q:onehot", "O",
         r"\mathrm{softmax}(\mathbf{O}) - \mathbf{Y}", "latex")
d2l5 = A(D2L_BP, D2L_MLP, D2L_MLP_SHAPES, "W2",
         r"\frac{\partial J}{\partial \mathbf{W}^{(2)}} = \frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \lambda \mathbf{W}^{(2)}",
         "latex", D2L_MLP_WHERE)
d2l6 = A(D2L_BP, D2L_MLP, D2L_MLP_SHAPES, "W1",
         r"\frac{\partial J}{\partial \mathbf{W}^{(1)}} = \frac{\partial J}{\partial \mathbf{z}} \mathbf{x}^\top + \lambda \mathbf{W}^{(1)}",
         "latex", D2L_MLP_WHERE)
d2l7 = A(D2L_APPX, "sum((X - U@V)**2)", "X:n,m U:n,r V:r,m", "V",
         r"\frac{\partial f}{\partial \mathbf{V}} = -2\mathbf{U}^\top(\mathbf{X}-\mathbf{U}\mathbf{V})", "latex")
d2l8 = A(D2L_CALC, "x@A@x", "x:n A:n,n", "x", r"\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x} = (\mathbf{A} + \mathbf{A}^\top)\mathbf{x}", "latex")
d2l9 = A(D2L_CALC, "norm(x)**2", "x:n", "x", r"\nabla_{\mathbf{x}} \|\mathbf{x} \|^2 = \nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{x} = 2\mathbf{x}", "latex")
d2l10 = A(D2L_CALC, "norm(X)**2", "X:m,n", "X", r"\nabla_{\mathbf{X}} \|\mathbf{X} \|_\textrm{F}^2 = 2\mathbf{X}", "latex")
ing1 = A(INGENJOY, LOGISTIC_L2, LOGISTIC_SHAPES, "w",
         r"\nabla \mathcal{L}(\mathbf{w}) =  -\mathbf{X}^\top \mathbf{y} +\mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w}) + 2\lambda \mathbf{w}", "latex")
ky1 = A(KYLECLO, LOGISTIC, LOGISTIC_SHAPES, "w", r"- \sum_{i=1}^n \left[ y_i - \phi(w^T x_i)   \right] x_i", "latex",
        (r"\phi(z) = \frac{1}{1 + e^{-z}}",))
ky2 = A(KYLECLO, LOGISTIC, LOGISTIC_SHAPES, "w",
        r"- \sum_{i=1}^n \left[y_i \left( 1 - \phi(w^T x_i) \right) - (1 - y_i) \phi(w^T x_i)  \right] x_i", "latex",
        (r"\phi(z) = \frac{1}{1 + e^{-z}}",))
ky3 = A(KYLECLO, KYLE_SOFTMAX, KYLE_SOFTMAX_SHAPES, "w",
        r"\frac{\partial \mathcal{L}(w)}{\partial w} = -\sum_{i=1}^n x_i \left[y_i - \phi(w^T x_i) \right]^T", "latex",
        (r"\phi(z) = \mathrm{softmax}(z)",))
cs229l = A(CS229_LOGISTIC, "y*log(sigmoid(theta@x)) + (1 - y)*log(1 - sigmoid(theta@x))", "x:d theta:d", "theta",
           r"\left(y - h_\theta(x)\right) x", "latex", (r"h_\theta(x) = g(\theta^T x)", r"g(z) = \frac{1}{1 + e^{-z}}"))

# -- identities: notes, cheat sheets, the Matrix Cookbook -------------------------------------------------
ash1 = A(ASHWIN, "x@A@x", "x:n A:n,n", "x", r"\vec\nabla \left( \vec{x}^\top A \vec{x} \right) = (A+A^\top)\vec{x}", "latex")
ash2 = A(ASHWIN, "x@a", "x:n a:n", "x", r"\vec\nabla (\langle \vec{x}, \vec{a} \rangle) =  \vec{a}", "latex")
qf1 = A(QUADFORM, "x@A@x", "x:n A:n,n:sym", "x", r"\nabla(\vec{x}^T A \vec{x})=2A \vec{x}", "latex")
qf2 = A(QUADFORM, "x@A@x/2", "x:n A:n,n:sym", "x", r"\nabla\left( \frac{1}{2} \vec{x}^T \vec{A}x \right)=\vec{A}x", "latex")
cb0 = A(CBJER, "x@A@x", "x:n A:n,n", "x", r"\frac{\partial}{\partial \mathbf{x}} (\mathbf{x}^T A \mathbf{x}) &= (A + A^T) \mathbf{x}", "latex")
cb0b = A(CBJER, "x@a", "x:n a:n", "x", r"\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^T \mathbf{a} &= \frac{\partial}{\partial \mathbf{x}} \mathbf{a}^T \mathbf{x} = \mathbf{a}", "latex")
mc1 = A(MATRIXCALC_MD, "x@A@x", "x:n A:n,n", "x", r"\nabla_x \left( x^\mathsf{T}Ax \right) = x^\mathsf{T}\left(A + A^\mathsf{T} \right)",
        "latex", verdict=W, diagnosis="transpose")   # a row: numerator layout
mc2 = A(MATRIXCALC_MD, "(A@x)@b", "x:n A:m,n b:m", "x", r"\nabla_x \langle Ax, b \rangle = A^\mathsf{T}b", "latex")
parr = A(PARR, "w@x", "w:n x:n", "x", r"\frac{\partial}{\partial \mathbf{x}}(\mathbf{w} \cdot \mathbf{x}) = \mathbf{w}^T", "latex",
         verdict=W, diagnosis="transpose")      # a row: numerator layout
k_logdet = A(COOKBOOK + " §2.1.1 (57)", "logdet(X)", "X:d,d", "X",
             r"\frac{\partial \ln|\det(\mathbf{X})|}{\partial \mathbf{X}} = (\mathbf{X}^{-1})^T", "latex")
k_logdet2 = A(COOKBOOK + " §2.1.1 (57)", "logdet(X)", "X:d,d", "X", r"(\mathbf{X}^T)^{-1}", "latex")
k_det = A(COOKBOOK + " §2.1.1 (49)", "det(X)", "X:d,d", "X",
          r"\frac{\partial \det(\mathbf{X})}{\partial \mathbf{X}} = \det(\mathbf{X})(\mathbf{X}^{-1})^T", "latex")
k_inv = A(COOKBOOK + " §2.2 (61)", "a@inv(X)@b", "X:d,d a:d b:d", "X",
          r"\frac{\partial \mathbf{a}^T\mathbf{X}^{-1}\mathbf{b}}{\partial \mathbf{X}} = -\mathbf{X}^{-T}\mathbf{a}\mathbf{b}^T\mathbf{X}^{-T}", "latex")
k_axb = A(COOKBOOK + " §2.4.1 (70)", "a@X@b", "X:n,m a:n b:m", "X",
          r"\frac{\partial \mathbf{a}^T\mathbf{X}\mathbf{b}}{\partial \mathbf{X}} = \mathbf{a}\mathbf{b}^T", "latex")
k_axtb = A(COOKBOOK + " §2.4.1 (71)", "a@X.T@b", "X:n,m a:m b:n", "X",
           r"\frac{\partial \mathbf{a}^T\mathbf{X}^T\mathbf{b}}{\partial \mathbf{X}} = \mathbf{b}\mathbf{a}^T", "latex")
k_xbx = A(COOKBOOK + " §2.4.2 (81)", "x@B@x", "x:n B:n,n", "x",
          r"\frac{\partial \mathbf{x}^T\mathbf{B}\mathbf{x}}{\partial \mathbf{x}} = (\mathbf{B} + \mathbf{B}^T)\mathbf{x}", "latex")
k_bxxc = A(COOKBOOK + " §2.4.2 (77)", "b@X.T@X@c", "X:n,m b:m c:m", "X",
           r"\frac{\partial \mathbf{b}^T\mathbf{X}^T\mathbf{X}\mathbf{c}}{\partial \mathbf{X}} = \mathbf{X}(\mathbf{b}\mathbf{c}^T + \mathbf{c}\mathbf{b}^T)", "latex")
k_xsw = A(COOKBOOK + " §2.4.2 (86), W symmetric", "(x - s)@W@(x - s)", "x:n s:n W:n,n:sym", "x",
          r"\frac{\partial}{\partial \mathbf{x}}(\mathbf{x} - \mathbf{s})^T\mathbf{W}(\mathbf{x} - \mathbf{s}) = 2\mathbf{W}(\mathbf{x} - \mathbf{s})", "latex")
k_tr = A(COOKBOOK + " §2.5.1 (100)", "trace(X)", "X:d,d", "X", r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}) = \mathbf{I}", "latex")
k_trxa = A(COOKBOOK + " §2.5.1 (101)", "trace(X@A)", "X:n,m A:m,n", "X",
           r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}\mathbf{A}) = \mathbf{A}^T", "latex")
k_traxb = A(COOKBOOK + " §2.5.1 (102)", "trace(A@X@B)", "X:n,m A:p,n B:m,p", "X",
            r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{A}\mathbf{X}\mathbf{B}) = \mathbf{A}^T\mathbf{B}^T", "latex")
k_traxtb = A(COOKBOOK + " §2.5.1 (103)", "trace(A@X.T@B)", "X:n,m A:p,m B:n,p", "X",
             r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{A}\mathbf{X}^T\mathbf{B}) = \mathbf{B}\mathbf{A}", "latex")
k_trx2 = A(COOKBOOK + " §2.5.2 (106)", "trace(X@X)", "X:d,d", "X",
           r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}^2) = 2\mathbf{X}^T", "latex")
k_trxbx = A(COOKBOOK + " §2.5.2 (108)", "trace(X.T@B@X)", "X:n,m B:n,n", "X",
            r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}^T\mathbf{B}\mathbf{X}) = \mathbf{B}\mathbf{X} + \mathbf{B}^T\mathbf{X}", "latex")
k_trxtx = A(COOKBOOK + " §2.5.2 (113)", "trace(X.T@X)", "X:n,m", "X",
            r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}^T\mathbf{X}) = 2\mathbf{X}", "latex")
k_trainv = A(COOKBOOK + " §2.5.3 (124)", "trace(A@inv(X)@B)", "X:d,d A:p,d B:d,p", "X",
             r"\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{A}\mathbf{X}^{-1}\mathbf{B}) = -(\mathbf{X}^{-1}\mathbf{B}\mathbf{A}\mathbf{X}^{-1})^T = -\mathbf{X}^{-T}\mathbf{A}^T\mathbf{B}^T\mathbf{X}^{-T}", "latex")
k_norm = A(COOKBOOK + " §2.6.1 (129)", "norm(x - a)", "x:n a:n", "x",
           r"\frac{\partial}{\partial \mathbf{x}}||\mathbf{x} - \mathbf{a}||_2 = \frac{\mathbf{x} - \mathbf{a}}{||\mathbf{x} - \mathbf{a}||_2}", "latex")

# -- GDA / Gaussian maximum likelihood (log-likelihood, maximized) -----------------------------------------
gda1 = A(GDA + " [i ∈ I₀ written i = 1..n: X holds class 0]", GDA_MU, GDA_SHAPES, "mu0",
         r"\nabla_{\mu_0} \mathcal{l}(\theta) = \Sigma^{-1} \sum_{i=1}^{n} (\mathbf{x}^{(i)} - \mu_0)", "latex")
gda2 = A(GDA + " [μ_{y⁽ⁱ⁾} written μ: one class]", GDA_SIGMA, GDA_SHAPES, "Sigma",
         r"\frac{1}{2} \left[ -n\Sigma^{-1} + \Sigma^{-1} \left( \sum_{i=1}^n S_i \right) \Sigma^{-1} \right]", "latex",
         (r"S_i = (\mathbf{x}^{(i)} - \mu)(\mathbf{x}^{(i)} - \mu)^T",))
gda3 = A(GDA + " (the hint: ∇_μ (x − μ)ᵀA(x − μ) = −2A(x − μ), A symmetric)", "(x - mu)@A@(x - mu)", "x:d mu:d A:d,d:sym", "mu",
         r"-2A(x - \mu)", "latex")

# -- cs231n in LaTeX: dW = XᵀdF, Y = XW -------------------------------------------------------------------
mse1c = A(MSE_CS231N + " [no regularizer]", "-sum(Y*log(softmax(X@W + b)))/n", CASE_LINEAR_SHAPES, "W",
          r"{dW} = X^\intercal {dF}", "latex", ("dF = (softmax(X@W + b) - Y)/n",))
mse2 = A(MSE_CS231N + " (db as the question writes it: row sums of dF, n entries)", "-sum(Y*log(softmax(X@W + b)))/n",
         CASE_LINEAR_SHAPES, "b",
         r"{db} = \begin{bmatrix} \sum\limits_{i=1} {dF}_{1i} \\ \sum\limits_{i=1} {dF}_{2i} \\ \vdots \\ \sum\limits_{i=1} {dF}_{ni} \end{bmatrix}",
         "latex", ("dF = (softmax(X@W + b) - Y)/n",), verdict=W, diagnosis="shape")
vd1 = A(VECDERIVS, "sum(G*(X@W))", "X:n,d W:d,m G:n,m", "X",
        r"\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^T", "latex", (r"\frac{\partial L}{\partial Y} = G",))
vd2 = A(VECDERIVS, "sum(G*(X@W))", "X:n,d W:d,m G:n,m", "W",
        r"\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Y}", "latex", (r"\frac{\partial L}{\partial Y} = G",))

# -- Nielsen's BP1-BP4 (quadratic cost, sigmoid layers) ----------------------------------------------------
ni1 = A(NIELSEN_CH2, NIELSEN, NIELSEN_SHAPES, "W2", r"\frac{\partial C}{\partial W^{(2)}} = \delta^{(2)} (a^{(1)})^T", "latex", NIELSEN_WHERE)
ni2 = A(NIELSEN_CH2, NIELSEN, NIELSEN_SHAPES, "b2", r"\frac{\partial C}{\partial b^{(2)}} = \delta^{(2)}", "latex", NIELSEN_WHERE)
ni3 = A(NIELSEN_CH2, NIELSEN, NIELSEN_SHAPES, "W1", r"\frac{\partial C}{\partial W^{(1)}} = \delta^{(1)} x^T", "latex", NIELSEN_WHERE)
ni4 = A(NIELSEN_CH2, NIELSEN, NIELSEN_SHAPES, "b1", r"\frac{\partial C}{\partial b^{(1)}} = \delta^{(1)}", "latex", NIELSEN_WHERE)

LATEX_REAL = [ne1, ne2, ne3, d2l1, d2l2, d2l3, d2l4, d2l5, d2l6, d2l7, d2l8, d2l9, d2l10, ing1, ky1, ky2, ky3, cs229l,
              ash1, ash2, qf1, qf2, cb0, cb0b, mc1, mc2, parr, k_logdet, k_logdet2, k_det, k_inv, k_axb, k_axtb, k_xbx,
              k_bxxc, k_xsw, k_tr, k_trxa, k_traxb, k_traxtb, k_trx2, k_trxbx, k_trxtx, k_trainv, k_norm,
              gda1, gda2, gda3, mse1c, mse2, vd1, vd2, ni1, ni2, ni3, ni4]

# -- math Q&A threads: questions with wrong attempts, answers, multiple-choice options ------------------------
TQ = "https://math.techqa.club/"
QA_XAX_A = TQ + "what-is-the-derivative-of-x-tax-respect-to-matrix-a-where-x-is-a-vector-4291445"
QA_XAX_MCQ = TQ + "differentiating-a-bilinear-form-wrt-x-3474657 (multiple choice, A a 4×4 real matrix)"
QA_XAX_CHAIN = TQ + "can-you-use-the-chain-rule-in-vector-calculus-to-compute-the-gradient-of-a-matrix-2643857"
QA_AXB = TQ + "how-to-get-gradient-of-linear-equations-3557185"
QA_AXB2 = TQ + "help-me-to-derive-the-derivative-for-ax-b-t-ax-b-1887688"
QA_AXB3 = TQ + "what-is-the-gradient-of-ax-b-2-4765085"
QA_AXB4 = TQ + "how-is-multiplying-a-by-a-transpose-related-to-the-gradient-in-the-least-squares-problem-3004097"
QA_AXB5 = TQ + "what-is-the-gradient-nabla-f-of-f-vec-x-lvert-a-vec-x-b-rvert-2-2-with-a-in-mathbb-r-n-times-d-4670578"
QA_AXB6 = TQ + "justifying-frac-d-a-tx-tax-dx-2a-tax-4422576"
ARQMATH = "ARQMath collection, math.stackexchange thread 2099918 (least squares: ∇F(x) = 2xᵀAᵀA − 2Aᵀb)"
NEWBE = "https://newbe.dev/how-to-take-the-gradient-of-the-quadratic-form"
COMPPHYS = "https://compphysics.github.io/MachineLearning/doc/pub/week35/html/._week35-bs011.html (FYS-STK, numerator layout)"
IMATH = "https://imathworks.com/math/math-derivative-of-quadratic-form (best answer: 'the derivative with respect to a column vector is a row vector')"
STATS452162 = "https://stats.stackexchange.com/questions/452162 (the asker's attempt: the inner derivative X is lost)"
LFD = "Learning From Data forum, homework 5 Q8 (Nemotron-CC-Math-v1 copy): the SGD gradient of ln(1 + e^{−y wᵀx})"
LOGBLOG = "'Logistic Regression: Gradients' blog post, 2015 (Nemotron-CC-Math-v1 copies)"
MSE4846993 = "https://math.stackexchange.com/questions/4846993 (columns are samples: X is M×N, Y is K×N)"
QA_SOFTROW = TQ + "please-help-me-to-double-check-this-derivative-3400818 (h, ŷ, y are 1×n rows)"
LSQ = "norm(A@x - b)**2"
LSQ_SHAPES = "A:m,n x:n b:m"

qa1 = A(QA_XAX_A + " (the asker's guess)", "x@A@x", "x:n A:n,n", "A",
        r"\frac{d}{dA}x^TAx=\frac{dx^TA}{dA}x+x^TA\frac{dx}{dA}=\frac{dx^TA}{dA}x=xx", "latex", verdict=W, diagnosis="shape")
qa2 = A(QA_XAX_A + " (answer)", "x@A@x", "x:n A:n,n", "A", r"xx^\top", "latex")
qa3 = A(QA_XAX_MCQ + ", option 1", "x@A@x", "x:n A:n,n", "x", r"2Ax_0", "latex", ("x_0 = x",), W, "other")
qa4 = A(QA_XAX_MCQ + ", option 2", "x@A@x", "x:n A:n,n", "x", r"Ax_0 + A^Tx_0", "latex", ("x_0 = x",))
qa5 = A(QA_XAX_MCQ + ", option 3", "x@A@x", "x:n A:n,n", "x", r"2A^Tx_0", "latex", ("x_0 = x",), W, "other")
qa6 = A(QA_XAX_MCQ + ", option 4", "x@A@x", "x:n A:n,n", "x", r"Ax_0", "latex", ("x_0 = x",), W, "other")
qa7 = A(QA_XAX_CHAIN + " (the asker's attempt)", "x@A@x", "x:m A:m,m", "x",
        r"\frac{\partial x^TAx}{\partial x} = \frac{\partial (x^TA)(x)}{\partial x} = \frac{\partial(x^TA)}{\partial x}(x) + (x^TA)\frac{\partial(x)}{\partial x} = A^Tx + x^TA",
        "latex", verdict=W, diagnosis="shape")
qa8 = A(QA_XAX_CHAIN + " (answer, denominator layout)", "x@A@x", "x:m A:m,m", "x", r"\frac{\partial\phi}{\partial x} &= (A+A^T)x", "latex")
qa9 = A(NEWBE, "x@A@x", "x:n A:n,n", "x", r"\nabla_{\mathrm x} \, f (\mathrm x) = \color{blue}{\left(\mathrm A + \mathrm A^\top\right) \,\mathrm x}", "latex")
qa10 = A(COMPPHYS, "x@A@x", "x:n A:n,n", "x", r"\frac{\partial \alpha}{\partial \boldsymbol{x}} = \boldsymbol{x}^T\left(\boldsymbol{A}^T+\boldsymbol{A}\right)",
         "latex", verdict=W, diagnosis="transpose")
qa11 = A(COMPPHYS + " (A symmetric)", "x@A@x", "x:n A:n,n:sym", "x", r"\frac{\partial \alpha}{\partial \boldsymbol{x}} = 2\boldsymbol{x}^T\boldsymbol{A}",
         "latex", verdict=W, diagnosis="transpose")
qa12 = A(IMATH, "x@A@x", "x:n A:n,n", "x", r"\frac{\partial Q(x)}{\partial x} = x^T(A+A^T)", "latex", verdict=W, diagnosis="transpose")
qa13 = A(QA_AXB, LSQ, LSQ_SHAPES, "x", r"\Delta_x = 2(Ax-b)^TA", "latex", verdict=W, diagnosis="transpose")
qa14 = A(QA_AXB2 + " (the asker's derivation)", "(A@x - b)@(A@x - b)", LSQ_SHAPES, "x", r"(A^TA+(A^TA)^T)x-A^Tb-b^TA+0", "latex",
         verdict=W, diagnosis="shape")
qa15 = A(QA_AXB2 + " (the asker's 'known' derivative)", "(A@x - b)@(A@x - b)", LSQ_SHAPES, "x", r"A^TAx-A^Tb", "latex",
         verdict=W, diagnosis="factor")
qa16 = A(QA_AXB2 + " (the corrected derivation)", "(A@x - b)@(A@x - b)", LSQ_SHAPES, "x", r"(A^TA+(A^TA)^T)x-2A^Tb&=2A^TAx-2A^Tb", "latex")
qa17 = A(QA_AXB2 + " (comment)", "(A@x - b)@(A@x - b)", LSQ_SHAPES, "x", r"2(A^TAx-A^Tb)", "latex")
qa18 = A(QA_AXB3 + " (answer 1)", LSQ, LSQ_SHAPES, "x", r"2A^T (Ax - b)", "latex")
qa19 = A(QA_AXB3 + " (answer 2)", LSQ, LSQ_SHAPES, "x", r"2(Ax - b)^T A", "latex", verdict=W, diagnosis="transpose")
qa20 = A(QA_AXB4, "norm(A@x - b)**2/2", LSQ_SHAPES, "x", r"\nabla_\textbf{x}f(\textbf{x}) = \textbf{A}^T(\textbf{Ax} - \textbf{b})", "latex")
qa21 = A(QA_AXB5, LSQ, LSQ_SHAPES, "x", r"2A^t(Ax-b)", "latex")
qa22 = A(QA_AXB6, "x@A.T@A@x", "x:n A:m,n", "x", r"2A^TAx", "latex")
qa23 = A(ARQMATH, "(A@x - b)@(A@x - b)", LSQ_SHAPES, "x", r"\nabla F(x)= 2x^TA^TA-2A^Tb", "latex", verdict=W, diagnosis="shape")
qa24 = A(STATS452162, LOGISTIC, LOGISTIC_SHAPES, "w",
         r"-(\mathbf{1} - s(\textbf{Xw}))\textbf{y} + s(\textbf{Xw})(\mathbf{1} - \textbf{y}) = s(\textbf{Xw}) - \textbf{y}", "latex",
         (r"s(\textbf{Xw}) = \sigma(Xw)",), W, "shape")
qa25 = A(LFD, "log(1 + exp(-yn*(w@xn)))", "w:d xn:d", "w",
         r"\nabla e_n(\mathbf{w}) = \frac{-y_n \mathbf{x}_n}{1 + e^{y_n \mathbf{w}^T \mathbf{x}_n}}", "latex")
qa26 = A(LOGBLOG, LOGISTIC, LOGISTIC_SHAPES, "w", r"\nabla_{\mathbf{w}} L = \sum_{i=1}^{n} (\sigma(\mathbf{w}^T \mathbf{x}_i) - y_i) \mathbf{x}_i", "latex")
qa27 = A(LOGBLOG, LOGISTIC, LOGISTIC_SHAPES, "w", r"\frac{\partial L}{\partial \mathbf{w}} = \mathbf{X}^T (\sigma(\mathbf{Xw}) - \mathbf{y})", "latex")
qa28 = A(LOGBLOG, LOGISTIC, LOGISTIC_SHAPES, "w", r"\nabla L = -\sum_{i=1}^{n} (y_i - \sigma(\mathbf{w}^T \mathbf{x}_i)) \mathbf{x}_i", "latex")
qa29 = A(MSE4846993, "-sum(Yt*log(softmax(X.T@W)))", "X:m,N W:m,K Yt:N,K:onehot", "W", r"\nabla E_{in}(W) = X(S(X) - Y)^T", "latex",
         ("Y = Yt.T", "S(X) = softmax(X.T@W).T"))
qa30 = A(QA_SOFTROW + " (the asker's dJ/dU)", "-sum(y*log(softmax(h@U + b2)))", "h:1,m U:m,k b2:1,k y:1,k:onehot", "U",
         r"\frac{dJ}{dU} = (\operatorname{softmax}(hU+b_2) - y)h", "latex", verdict=W, diagnosis="shape")
qa31 = A(QA_SOFTROW + " (the asker's dJ/db₂)", "-sum(y*log(softmax(h@U + b2)))", "h:1,m U:m,k b2:1,k y:1,k:onehot", "b2",
         r"\frac{dJ}{db_2} =(\operatorname{softmax}(hU+b_2) - y)", "latex")

QA_REAL = [qa1, qa2, qa3, qa4, qa5, qa6, qa7, qa8, qa9, qa10, qa11, qa12, qa13, qa14, qa15, qa16, qa17, qa18, qa19, qa20,
           qa21, qa22, qa23, qa24, qa25, qa26, qa27, qa28, qa29, qa30, qa31]

LATEX_VARIANTS = [
    variant(ne2, r"X^T X \theta - y^T X", "shape"),
    variant(ne2, r"\theta^T X^T X - y^T X", "transpose"),
    variant(ne2, r"X^T X \theta + X^T y", "sign"),
    variant(d2l1, r"2 (\mathbf{X} \mathbf{w} - \mathbf{y})^\top \mathbf{X}", "transpose"),
    variant(d2l1, r"\mathbf{X}^\top (\mathbf{X} \mathbf{w} - \mathbf{y})", "factor"),
    variant(d2l1, r"2 \mathbf{X} (\mathbf{X}^\top \mathbf{w} - \mathbf{y})", "shape"),
    variant(d2l2, r"\sum_{i=1}^{n} \mathbf{x}^{(i)} \left(\mathbf{w}^\top \mathbf{x}^{(i)} + b - y^{(i)}\right)", "factor"),
    variant(d2l2, r"\frac{1}{n} \sum_{i=1}^{n} \mathbf{x}^{(i)} \left(y^{(i)} - \mathbf{w}^\top \mathbf{x}^{(i)} - b\right)", "sign"),
    variant(d2l4, r"\mathbf{Y} - \mathrm{softmax}(\mathbf{O})", "sign"),
    variant(d2l5, r"\mathbf{h} \frac{\partial J}{\partial \mathbf{o}}^\top + \lambda \mathbf{W}^{(2)}", "shape"),
    variant(d2l6, r"\frac{\partial J}{\partial \mathbf{z}} \mathbf{x}^\top", "missing_term"),
    variant(d2l6, r"\left(\sigma'(\mathbf{z})^\top {\mathbf{W}^{(2)}}^\top \frac{\partial J}{\partial \mathbf{o}}\right) \mathbf{x}^\top + \lambda \mathbf{W}^{(1)}", "shape"),
    variant(d2l7, r"2\mathbf{U}^\top(\mathbf{X}-\mathbf{U}\mathbf{V})", "sign"),
    variant(d2l7, r"-2(\mathbf{X}-\mathbf{U}\mathbf{V})\mathbf{U}^\top", "shape"),
    variant(ing1, r"\mathbf{X}^\top \mathbf{y} - \mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w}) + 2\lambda \mathbf{w}", "sign"),
    variant(ing1, r"-\mathbf{X}^\top \mathbf{y} +\mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w}) + \lambda \mathbf{w}", "factor"),
    variant(ing1, r"-\mathbf{X}^\top \mathbf{y} +\mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w})", "missing_term"),
    variant(ky1, r"\sum_{i=1}^n \left[ y_i - \phi(w^T x_i)   \right] x_i", "sign"),
    variant(ky3, r"-\sum_{i=1}^n \left[y_i - \phi(w^T x_i) \right] x_i^T", "transpose"),
    variant(k_traxb, r"\mathbf{B}\mathbf{A}", "transpose"),
    variant(k_logdet, r"\mathbf{X}^{-1}", "transpose"),
    variant(k_det, r"\det(\mathbf{X})\mathbf{X}^{-1}", "transpose"),
    variant(k_inv, r"-\mathbf{X}^{-1}\mathbf{a}\mathbf{b}^T\mathbf{X}^{-1}", "transpose"),
    variant(k_xbx, r"2\mathbf{B}\mathbf{x}", "other"),
    variant(k_trx2, r"2\mathbf{X}", "transpose"),
    variant(k_norm, r"\frac{\mathbf{x} - \mathbf{a}}{||\mathbf{x} - \mathbf{a}||_2^2}", "other"),
    variant(gda2, r"\frac{1}{2} \left[ n\Sigma^{-1} - \Sigma^{-1} \left( \sum_{i=1}^n S_i \right) \Sigma^{-1} \right]", "sign"),
    variant(gda2, r"-n\Sigma^{-1} + \Sigma^{-1} \left( \sum_{i=1}^n S_i \right) \Sigma^{-1}", "factor"),
    variant(gda1, r"\Sigma^{-1} \sum_{i=1}^{n} (\mu_0 - \mathbf{x}^{(i)})", "sign"),
    variant(ni1, r"(a^{(1)})^T \delta^{(2)}", "shape"),
    variant(ni2, r"(a^{(2)} - y) \sigma'(z^{(2)})", "shape"),
    variant(ni3, r"\left(((W^{(2)})^T \delta^{(2)}) \sigma'(z^{(1)})\right) x^T", "shape"),
    variant(ni3, r"\left((\delta^{(2)})^T W^{(2)} \odot \sigma'(z^{(1)})^T\right)^T x", "shape"),
    variant(ni4, r"((W^{(2)})^T \delta^{(2)}) \odot \sigma(z^{(1)})", "other"),
]

#: equivalent rewrites of real answers (a careful grader says correct): the false-"incorrect" guard
LATEX_REWRITES = [
    variant(ne2, r"X^T(X\theta - y)", None, C),
    variant(d2l1, r"2\mathbf{X}^\top\mathbf{X}\mathbf{w} - 2\mathbf{X}^\top\mathbf{y}", None, C),
    variant(d2l2, r"\frac{1}{n}\mathbf{X}^\top(\mathbf{X}\mathbf{w} + b\mathbf{1} - \mathbf{y})", None, C),
    variant(ing1, r"\mathbf{X}^\top(\sigma(\mathbf{X}\mathbf{w}) - \mathbf{y}) + 2\lambda\mathbf{w}", None, C),
    variant(ky1, r"\sum_{i=1}^n (\sigma(w^T x_i) - y_i) x_i", None, C, where=()),
    variant(ky3, r"X^T(\mathrm{softmax}(Xw) - y)", None, C, where=()),
    variant(k_traxb, r"(\mathbf{B}\mathbf{A})^T", None, C),
    variant(k_logdet, r"\mathbf{X}^{-T}", None, C),
    variant(gda2, r"\frac{1}{2}\Sigma^{-1}\left(\sum_{i=1}^n (\mathbf{x}^{(i)} - \mu)(\mathbf{x}^{(i)} - \mu)^T\right)\Sigma^{-1} - \frac{n}{2}\Sigma^{-1}",
            None, C, where=()),
    variant(ni1, r"\left((a^{(2)} - y) \odot a^{(2)} \odot (1 - a^{(2)})\right) (a^{(1)})^T", None, C),
    variant(d2l5, r"(\mathbf{o} - \mathbf{y})\mathbf{h}^\top + \lambda\mathbf{W}^{(2)}", None, C),
]

# --------------------------------------------------------------------------------------------------
# numpy: cs231n softmax_loss_vectorized
# --------------------------------------------------------------------------------------------------
np_fabien = A(FABIEN, SOFTMAX_HALF, SOFTMAX_SHAPES, "W", """\
num_train = X.shape[0]

scores = np.dot(X, W)
exp_scores = np.exp(scores)
prob_scores = exp_scores/np.sum(exp_scores, axis=1, keepdims=True)

# grads
dscores = prob_scores
dscores -= Y
dW = np.dot(X.T, dscores)/num_train
dW += reg * W
""", "numpy")
np_20434 = A(SOFTMAX_20434, SOFTMAX_FULL, SOFTMAX_SHAPES, "W", """\
scores = X.dot(W)
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)

# Compute the gradient
dscores = probs
dscores -= Y
dW = X.T.dot(dscores) / X.shape[0]
dW += 2 * reg * W
""", "numpy")
np_44972 = A(SOFTMAX_44972, SOFTMAX_HALF, SOFTMAX_SHAPES, "W", """\
def softmax_loss_vectorized(W, X, Y, reg):
    num_train = X.shape[0]
    scores = X.dot(W)
    exp_scores = np.exp(scores)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    # Gradient calculation
    dscores = probs
    dscores -= Y
    dW = X.T.dot(dscores) / num_train

    # Add regularization to the gradient
    dW += reg * W
    return dW
""", "numpy")
np_71171 = A(SOFTMAX_71171, SOFTMAX_FULL, SOFTMAX_SHAPES, "W", """\
num_train = X.shape[0]
scores = X.dot(W)
exp_scores = np.exp(scores - np.max(scores, axis=1, keepdims=True))
p = exp_scores / np.sum(exp_scores, axis=1, keepdims=True) # (N, C)
dscores = p.copy()
dscores -= Y
dscores /= num_train
dW = X.T.dot(dscores) + 2 * reg * W
""", "numpy")
np_18014 = A(SOFTMAX_18014, SOFTMAX_HALF, SOFTMAX_SHAPES, "W", """\
num_train = X.shape[0]
scores = X.dot(W)
stablized = scores - np.max(scores, axis=1).reshape([num_train, 1])
exp = np.exp(stablized)
sum = np.sum(exp, axis=1).reshape([num_train, 1])
prob = exp / sum
ground_truth = Y
dscores = prob - ground_truth
dW = X.T.dot(dscores)
dW = dW / num_train + reg * W
""", "numpy")
np_26933 = A(SOFTMAX_26933, "-sum(Y*log(softmax(X@W)))/n + 2*reg*sum(W*W)", SOFTMAX_SHAPES, "W", """\
scores = X.dot(W)
exp_scores = np.exp(scores)
probabilities = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
dscores = probabilities
dscores -= Y
dscores /= X.shape[0]

#dscores = X * W
dW = X.T.dot(dscores)
dW += reg * W

# Add regularization to the loss and gradients.
dW += reg * 2 * W
""", "numpy", verdict=W, diagnosis="factor")
np_xoyoon = A(XOYOON, SOFTMAX_FULL, SOFTMAX_SHAPES, "W", """\
def softmax_loss(W, X_batch, Y, reg):
    num_batch, num_classes = X_batch.shape[0], W.shape[1]
    scores = X_batch @ W  # num_batch × num_classes
    unnormalized_probs = np.exp(scores)
    probs = unnormalized_probs / np.sum(unnormalized_probs, axis=1)[:, np.newaxis]
    du = np.ones(unnormalized_probs.shape)
    du = du / np.sum(unnormalized_probs, axis=1)[:, np.newaxis]
    du -= Y / unnormalized_probs
    dscores = du * np.exp(scores)
    dW = X_batch.T @ dscores / num_batch + (2 * reg * W)
    return dW
""", "numpy", ("X_batch = X",))

# -- svm_loss_vectorized ---------------------------------------------------------------------------------
np_svm1 = A(SVM_86595, SVM_FULL, SOFTMAX_SHAPES, "W", """\
N = X.shape[0]
scores = X.dot(W)
scores_label = np.sum(scores * Y, axis=1, keepdims=True)
margins = np.maximum(0, scores - scores_label + 1) * (1 - Y)
dmargins = np.ones_like(margins) / N  #(N,C)
dscores = np.zeros_like(scores) #(N,C)

dscores[margins>0] = 1 #margins = np.maximum(0, scores - scores_label + 1)
dscores -= Y * np.sum(dscores, axis=1, keepdims=True)
dscores *= dmargins    # *(1/N)

# dW(D,C) X(N,D) dscores(N,C)
dW = X.T.dot(dscores)

dW += 2 * reg * W #正则化参数梯度
""", "numpy")
np_svm2 = A(SVM_32055, SVM_FULL, SOFTMAX_SHAPES, "W", """\
num_train = X.shape[0]
scores = X.dot(W)
correct_class_scores = np.sum(scores * Y, axis=1).reshape(-1, 1)
margins = np.maximum(0, scores - correct_class_scores + 1)
margins = margins * (1 - Y)
num_pos = np.sum(margins > 0, axis=1) # number of positive losses
dscores = np.zeros(scores.shape)
dscores[margins > 0] = 1
dscores -= Y * num_pos.reshape(-1, 1)

dW = X.T.dot(dscores) / num_train
dW += 2 * reg * W
""", "numpy")
np_svm3 = A(BROARTEM, SVM_PLAIN, SOFTMAX_SHAPES, "W", """\
def svm_loss_vectorized(W, X, Y, reg):
  num_classes = W.shape[1]
  num_train = X.shape[0]
  num_dims = W.shape[0]

  scores = X.dot(W)
  correct_class_scores = np.sum(scores * Y, axis=1)

  margin = np.maximum(0, scores - np.reshape(correct_class_scores, (num_train, 1)) + 1)
  margin = margin * (1 - Y)

  indicator = (margin > 0).astype("float32")
  indicator_sums = np.sum(indicator, axis=1)
  indicator = indicator - Y * indicator_sums.reshape((num_train, 1))

  dWi = X.reshape((num_train, num_dims, 1)) * indicator.reshape((num_train, 1, num_classes))

  dW = np.sum(dWi, axis=0) / num_train

  return dW
""", "numpy")

# -- the neural-networks case study (b of shape (1, K)) ---------------------------------------------------
CASE_HEAD = """\
num_examples = X.shape[0]
"""
np_case_lin_W = A(CASE, CASE_LINEAR, CASE_LINEAR_SHAPES, "W", CASE_HEAD + """\
scores = np.dot(X, W) + b
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
dscores = probs
dscores -= Y
dscores /= num_examples
dW = np.dot(X.T, dscores)
dW += reg*W # don't forget the regularization gradient
""", "numpy")
np_case_lin_b = A(CASE, CASE_LINEAR, CASE_LINEAR_SHAPES, "b", CASE_HEAD + """\
scores = np.dot(X, W) + b
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
dscores = probs
dscores -= Y
dscores /= num_examples
db = np.sum(dscores, axis=0, keepdims=True)
""", "numpy")
CASE_FORWARD = CASE_HEAD + """\
hidden_layer = np.maximum(0, np.dot(X, W) + b) # note, ReLU activation
scores = np.dot(hidden_layer, W2) + b2
exp_scores = np.exp(scores)
probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
dscores = probs
dscores -= Y
dscores /= num_examples
"""
np_case_W2 = A(CASE, CASE_NET, CASE_NET_SHAPES, "W2", CASE_FORWARD + """\
dW2 = np.dot(hidden_layer.T, dscores)
dW2 += reg * W2
""", "numpy")
np_case_b2 = A(CASE, CASE_NET, CASE_NET_SHAPES, "b2", CASE_FORWARD + """\
db2 = np.sum(dscores, axis=0, keepdims=True)
""", "numpy")
np_case_W = A(CASE, CASE_NET, CASE_NET_SHAPES, "W", CASE_FORWARD + """\
# next backprop into hidden layer
dhidden = np.dot(dscores, W2.T)
# backprop the ReLU non-linearity
dhidden[hidden_layer <= 0] = 0
# finally into W,b
dW = np.dot(X.T, dhidden)
dW += reg * W
""", "numpy")
np_case_b = A(CASE, CASE_NET, CASE_NET_SHAPES, "b", CASE_FORWARD + """\
dhidden = np.dot(dscores, W2.T)
dhidden[hidden_layer <= 0] = 0
db = np.sum(dhidden, axis=0, keepdims=True)
""", "numpy")

# -- two_layer_net (cs231n neural_net.py) ------------------------------------------------------------------
TWO_FORWARD = """\
N, D = X.shape
hidden_layer = np.maximum(0, X.dot(W1) + b1)
scores = hidden_layer.dot(W2) + b2
m = np.max(scores, 1)
scores -= np.reshape(m, (m.shape[0], -1))
scores = np.exp(scores)
dscores = scores / np.sum(scores, 1, keepdims = True)
dscores -= Y
dscores /= N
"""
np_two_W2 = A(TWO_35695, TWO_LAYER, TWO_LAYER_SHAPES, "W2", TWO_FORWARD + """\
grads = {}
grads['W2'] = np.dot(hidden_layer.T, dscores) + reg * W2
""", "numpy")
np_two_b2 = A(TWO_35695, TWO_LAYER, TWO_LAYER_SHAPES, "b2", TWO_FORWARD + """\
grads = {}
grads['b2'] = np.sum(dscores, 0)
""", "numpy")
np_two_W1 = A(TWO_35695, TWO_LAYER, TWO_LAYER_SHAPES, "W1", TWO_FORWARD + """\
grads = {}
dhidden = np.dot(dscores, W2.T)
dhidden[hidden_layer <= 0] = 0

grads['W1'] = np.dot(X.T, dhidden) + reg * W1
""", "numpy")
np_two_b1 = A(TWO_35695, TWO_LAYER, TWO_LAYER_SHAPES, "b1", TWO_FORWARD + """\
grads = {}
dhidden = np.dot(dscores, W2.T)
dhidden[hidden_layer <= 0] = 0

grads['b1'] = np.sum(dhidden, 0)
""", "numpy")

# -- lazyprogrammer-style derivatives (gradient ascent on the log-likelihood) ------------------------------
np_lazy_w2 = A(LAZYPROG, LAZY, LAZY_SHAPES, "W2", """\
def derivative_w2(Z, T, Y):
    N, K = T.shape
    M = Z.shape[1] # H is (N, M)


    ret4 = Z.T.dot(T - Y)

    return ret4
""", "numpy", LAZY_WHERE)
np_lazy_w1 = A(LAZYPROG, LAZY, LAZY_SHAPES, "W1", """\
def derivative_w1(X, Z, T, Y, W2):
    N, D = X.shape
    M, K = W2.shape


    dZ = (T - Y).dot(W2.T) * Z * (1 - Z)
    ret2 = X.T.dot(dZ)

    return ret2
""", "numpy", LAZY_WHERE)
np_lazy_b2 = A(LAZYPROG, LAZY, LAZY_SHAPES, "b2", """\
def derivative_b2(T, Y):
    return (T - Y).sum(axis=0)
""", "numpy", LAZY_WHERE)
np_lazy_b1 = A(LAZYPROG, LAZY, LAZY_SHAPES, "b1", """\
def derivative_b1(T, Y, W2, Z):
    return ((T - Y).dot(W2.T) * Z * (1 - Z)).sum(axis=0)
""", "numpy", LAZY_WHERE)

# -- students' mistakes from Q&A and pastebins ---------------------------------------------------------------
np_paste_W1 = A(PASTEBIN_H5, PASTE_NET, PASTE_SHAPES, "W1", """\
def dW1(W1, b1, W2, P, Y, X):
    \"\"\"Explanations ??
    Returns: A vector which is the derivative of the loss with respect to W1
    \"\"\"
    A1 = sigmoid(np.dot(X, W1) + b1)
    ones = np.ones(A1.shape)
    return np.dot(X.T, np.dot((P-Y), np.dot(W2.T, np.dot(A1.T, (ones-A1)))))
""", "numpy", ("P = softmax(sigmoid(X@W1 + b1)@W2 + b2)",), W, "other")
np_paste_b1 = A(PASTEBIN_H5, PASTE_NET, PASTE_SHAPES, "b1", """\
def db1(W1, b1, W2, P, Y, X):
    A1 = sigmoid(np.dot(X, W1) + b1)
    ones = np.ones(A1.shape)
    return np.sum(np.dot((P-Y), np.dot(W2.T, np.dot(A1.T, (ones-A1)))), axis=0)
""", "numpy", ("P = softmax(sigmoid(X@W1 + b1)@W2 + b2)",), W, "other")
np_col_w2 = A(PASTEBIN_FU, COLUMN_NET, COLUMN_SHAPES, "W2", """\
H_batch = np.maximum( W1@X + b1 ,np.zeros( shape=(W1.shape[0],X.shape[1]) ))
# Backwards pass
G_batch = - (Y-P_batch)
dl_dw2 = (1/X.shape[0]) * G_batch @ H_batch.T
""", "numpy", COLUMN_WHERE, W, "factor")
np_col_b2 = A(PASTEBIN_FU, COLUMN_NET, COLUMN_SHAPES, "b2", """\
G_batch = - (Y-P_batch)
dl_db2 = (1/X.shape[0]) * G_batch @ np.ones( (X.shape[1],1))
""", "numpy", COLUMN_WHERE, W, "factor")
np_col_w1 = A(PASTEBIN_FU, COLUMN_NET, COLUMN_SHAPES, "W1", """\
H_batch = np.maximum( W1@X + b1 ,np.zeros( shape=(W1.shape[0],X.shape[1]) ))
G_batch = - (Y-P_batch)
G_batch = W2.T @ G_batch
G_batch = G_batch * np.where(H_batch > 0, 1, 0)
dl_dw1 = (1/X.shape[0]) * G_batch @ X.T
""", "numpy", COLUMN_WHERE, W, "factor")
np_forum_w2 = A(FORUM, FORUM_NET, FORUM_SHAPES, "w2", """\
z1 = w1.T.dot(x) # need to transpose weight matrix
a1 = sigmoid(z1)
z2 = w2.T.dot(a1)
y_hat = sigmoid(z2) # output
# BACKPROP
delta3 = np.multiply((y_hat - y), sigmoid(z2) * (1 - sigmoid(z2)))
dJdW2 = a1.dot(delta3) ## ERROR !!!
""", "numpy", verdict=W, diagnosis="shape")
np_forum_w1 = A(FORUM, FORUM_NET, FORUM_SHAPES, "w1", """\
z1 = w1.T.dot(x) # need to transpose weight matrix
a1 = sigmoid(z1)
z2 = w2.T.dot(a1)
y_hat = sigmoid(z2) # output
delta3 = np.multiply((y_hat - y), sigmoid(z2) * (1 - sigmoid(z2)))
delta2 = np.dot(delta3, w2.T) * sigmoid(z1) * (1 - sigmoid(z1))
dJdW1 = np.dot(x.T, delta2) ## ERROR !!!
""", "numpy", verdict=W, diagnosis="shape")

# -- vectorized local gradients ------------------------------------------------------------------------------
np_st_dx = A(STATS500902, "sum(sigmoid(W@x))", "W:h,d x:d", "x", """\
z = 1/(1 + np.exp(-np.dot(W, x))) # forward pass
dx = np.dot(W.T, z*(1-z)) # backward pass: local gradient for x
""", "numpy")
np_st_dW = A(STATS500902, "sum(sigmoid(W@x))", "W:h,d x:d", "W", """\
z = 1/(1 + np.exp(-np.dot(W, x))) # forward pass
dW = np.outer(z*(1-z), x) # backward pass: local gradient for W
""", "numpy")
np_opt2_W = A(OPT2, "sum(G*(W@X))", "W:h,d X:d,n G:h,n", "W", """\
D = W.dot(X)
# now suppose we had the gradient on D from above in the circuit
dD = G # same shape as D
dW = dD.dot(X.T) #.T gives the transpose of the matrix
""", "numpy")
np_opt2_X = A(OPT2, "sum(G*(W@X))", "W:h,d X:d,n G:h,n", "X", """\
D = W.dot(X)
dD = G # same shape as D
dX = W.T.dot(dD)
""", "numpy")

# -- Nielsen's network.py (column arrays of shape (n, 1)) -------------------------------------------------------
np_ni_w2 = A(NIELSEN_PY, NIELSEN, NIELSEN_COLUMNS, "W2", """\
def sigmoid(z):
    \"\"\"The sigmoid function.\"\"\"
    return 1.0/(1.0+np.exp(-z))

def sigmoid_prime(z):
    \"\"\"Derivative of the sigmoid function.\"\"\"
    return sigmoid(z)*(1-sigmoid(z))

def backprop(x, y):
    z1 = np.dot(W1, x)+b1
    a1 = sigmoid(z1)
    z2 = np.dot(W2, a1)+b2
    a2 = sigmoid(z2)
    delta = (a2 - y) * sigmoid_prime(z2)
    nabla_w2 = np.dot(delta, a1.transpose())
    return nabla_w2
""", "numpy")
np_ni_b2 = A(NIELSEN_PY, NIELSEN, NIELSEN_COLUMNS, "b2", """\
z1 = np.dot(W1, x)+b1
a1 = sigmoid(z1)
z2 = np.dot(W2, a1)+b2
a2 = sigmoid(z2)
delta = (a2 - y) * sigmoid(z2)*(1-sigmoid(z2))
nabla_b2 = delta
""", "numpy")
np_ni_w1 = A(NIELSEN_PY, NIELSEN, NIELSEN_COLUMNS, "W1", """\
z1 = np.dot(W1, x)+b1
a1 = sigmoid(z1)
z2 = np.dot(W2, a1)+b2
a2 = sigmoid(z2)
delta = (a2 - y) * sigmoid(z2)*(1-sigmoid(z2))
sp = sigmoid(z1)*(1-sigmoid(z1))
delta = np.dot(W2.transpose(), delta) * sp
nabla_w1 = np.dot(delta, x.transpose())
""", "numpy")

# -- regression homework ---------------------------------------------------------------------------------------
np_felix = A(FELIXSIMARD, FELIX, FELIX_SHAPES, "w", """\
logistic = lambda z: 1./ (1 + np.exp(-z))       #logistic function

def gradient(x, y):
    N,D = x.shape
    yh = logistic(np.dot(x, w))    # predictions  size N
    grad = np.dot(x.T, yh - y)/N        # divide by N because cost is mean over N points
    return grad                         # size D
""", "numpy")
RIDGE_XTR = "(w.T@xTr - yTr)@(w.T@xTr - yTr).T + lambdaa*w.T@w"
RIDGE_XTR_SHAPES = "w:d,1 xTr:d,n yTr:1,n"
np_ziyang = A(ZIYANG, RIDGE_XTR, RIDGE_XTR_SHAPES, "w", """\
def ridge(w,xTr,yTr,lambdaa):
    loss = (w.T @ xTr - yTr) @ (w.T @ xTr - yTr).T + lambdaa * w.T @ w
    gradient = 2 * (xTr @ xTr.T @ w - xTr @ yTr.T + lambdaa * w)

    return gradient
""", "numpy")
np_wanhy = A(WANHY, RIDGE_XTR, RIDGE_XTR_SHAPES, "w", """\
def ridge(w,xTr,yTr,lambdaa):
    loss =(w.T.dot(xTr)-yTr).dot((w.T.dot(xTr)-yTr).T)+lambdaa*w.T.dot(w)
    gradient = 2*xTr.dot((w.T.dot(xTr)-yTr).T) + 2*w
    #(loss)
    #print(gradient)
    return gradient
""", "numpy", verdict=W, diagnosis="factor")
np_ariamgo_r = A(ARIAMGO_RIDGE, "0.5*mean((X@w - y)**2) + 0.5*lam*sum(w**2)", XWY, "w", """\
def grad(X, y, w):
    n = X.shape[0]
    return X.T @ (X @ w - y) / n + lam * w
""", "numpy")
np_ariamgo_l = A(ARIAMGO_LASSO, "0.5*mean((X@w - y)**2) + lam*sum(abs(w))", XWY, "w", """\
def grad(X, y, w):
    n = X.shape[0]
    return X.T @ (X @ w - y) / n + lam * np.sign(w)
""", "numpy")
np_l1sub = A(L1SUB, "1/2*sum((A@x - b)**2) + mu*sum(abs(x))", "A:m,n x:n b:m", "x", """\
def grad(x, mu):
    error = A.dot(x) - b
    grad_x = A.transpose().dot(error) + mu * numpy.sign(x)
    return grad_x
""", "numpy")
np_subgrad = A(SUBGRAD_MSE, "sum((A@x - b)**2)/(2*m)", "A:m,n x:n b:m", "x", """\
def grad(x, A, b):
    return np.dot(A.T, np.dot(A, x) - b) / A.shape[0]
""", "numpy")
np_ols = A(GRAD_OLS, "sum((X@theta - y)**2)/(2*n)", LS_SHAPES, "theta", """\
def grad_ols(X, y, theta):
    \"\"\"OLS gradient, 1/2n.  \"\"\"
    r = X @ theta - y # residuals
    return (X.T @ r) / X.shape[0] # 1/2n factor cancels with 2 from derivative
""", "numpy")
np_ridgeclass = A(RIDGE_CLASS, "mean(sum((Y - (X@W + b))**2, axis=1)) + sum(W**2)", "X:n,d W:d,k b:1,k Y:n,k", "W", """\
def compute_grad(X,Y_pred,Y):
    n = X.shape[0]
    grad_w = (2/n)*((X.T) @ (Y_pred - Y)) + lam*2*W
    grad_b = (2/n)*np.sum(Y_pred - Y,axis = 0)
    return grad_w
""", "numpy", ("Y_pred = X@W + b", "lam = 1/10"), W, "factor")

NUMPY_REAL = [np_fabien, np_20434, np_44972, np_71171, np_18014, np_26933, np_xoyoon, np_svm1, np_svm2, np_svm3,
              np_case_lin_W, np_case_lin_b, np_case_W2, np_case_b2, np_case_W, np_case_b,
              np_two_W2, np_two_b2, np_two_W1, np_two_b1, np_lazy_w2, np_lazy_w1, np_lazy_b2, np_lazy_b1,
              np_paste_W1, np_paste_b1, np_col_w2, np_col_b2, np_col_w1, np_forum_w2, np_forum_w1,
              np_st_dx, np_st_dW, np_opt2_W, np_opt2_X, np_ni_w2, np_ni_b2, np_ni_w1,
              np_felix, np_ziyang, np_wanhy, np_ariamgo_r, np_ariamgo_l, np_l1sub, np_subgrad, np_ols, np_ridgeclass]


# -- more notebook code from Q&A threads and pull requests ---------------------------------------------------
CHOROWSKI = "github.com/janchorowski/nn_assignments pull request #21 (columns are samples; dLdA already holds the 1/N)"
CHOROWSKI_LOSS = "-sum(Yt*log(softmax(X.T@Theta)))/N"
CHOROWSKI_SHAPES = "X:d,N Theta:d,k Yt:N,k:onehot"
CHOROWSKI_WHERE = ("dLdA = (softmax(X.T@Theta) - Yt).T/N", "num_samples = N")
np_chorowski = A(CHOROWSKI + " (the assignment's line)", CHOROWSKI_LOSS, CHOROWSKI_SHAPES, "Theta", """\
dLdTheta = np.dot(X, dLdA.T)
""", "numpy", CHOROWSKI_WHERE)
np_chorowski_pr = A(CHOROWSKI + " (the proposed fix divides again)", CHOROWSKI_LOSS, CHOROWSKI_SHAPES, "Theta", """\
dLdTheta = np.dot(X, dLdA.T) / num_samples
""", "numpy", CHOROWSKI_WHERE, W, "factor")
np_brycewan = A("github.com/jiacheng-ye/code-for-nlp-beginner issue #3 (the suggested softmax gradient) [to_onehot(y) → Y]",
                "-sum(Y*log(softmax(x@w)))", "x:n,d w:d,k Y:n,k:onehot", "w", """\
probs = softmax(x.dot(w))
gradients = x.transpose().dot(probs - Y)
""", "numpy")
GAMWE = "https://gamwe6.github.io/obafuro/python/機械学習/2018/08/22/47721.html (the asker's gradient is right; the step size is not)"
gamwe_latex = A(GAMWE, "norm(X@b - y)**2/2", "X:n,d b:d y:n", "b", r"X^T X b - X^T y", "latex")
np_gamwe = A(GAMWE, "norm(X@b - y)**2/2", "X:n,d b:d y:n", "b", """\
h = X.dot(param)
loss = h - y
gradient = X.T.dot(loss)
""", "numpy", ("param = b",))
np_so17784587 = A("http://stackoverflow.com/questions/17784587 (answer's gradientDescent)", "sum((x@theta - y)**2)/(2*m)",
                  "x:m,n theta:n y:m", "theta", """\
xTrans = x.transpose()
hypothesis = np.dot(x, theta)
loss = hypothesis - y
# avg cost per example (the 2 in 2*m doesn't really matter here.
# But to be consistent with the gradient, I include it)
cost = np.sum(loss ** 2) / (2 * m)
# avg gradient per example
gradient = np.dot(xTrans, loss) / m
""", "numpy")
np_softmax_prime = A("github.com/zhuozhiyongde/Fundamentals-of-Artificial-Intelligence-2024Spring-PKU issue #1 "
                     "(softmax_prime = softmax(x)*(1-softmax(x)), 'You are right', fixed) [used as dz = G * softmax_prime(z)]",
                     "sum(G*softmax(z))", "z:k G:k", "z", """\
def softmax_prime(x):
    return softmax(x)*(1-softmax(x))

dz = G * softmax_prime(z)
""", "numpy", verdict=W, diagnosis="other")

MTSGL = ("MTSGL package, Loss.py (code index: 'class WLS(Loss)'): gradient() is that of ½·loss() "
         "(its Lipschitz bound L = max eig XᵀWX fits ½Σwr²); loss() has no ½")
np_mtsgl_wls = A(MTSGL, "(x@beta - y)@(w*(x@beta - y))", "x:n,p beta:p y:n w:n:pos", "beta", """\
def gradient(beta):
	return np.matmul(x.transpose(), w * (np.matmul(x, beta) - y))
""", "numpy", verdict=W, diagnosis="factor")
np_mtsgl_ls = A(MTSGL.replace("class WLS(Loss)", "class LS(Loss)").replace("max eig XᵀWX fits ½Σwr²", "is not set here"),
                "norm(x@beta - y)**2/n", "x:n,p beta:p y:n", "beta", """\
def _gradient(x, y, beta):
	return np.matmul(x.transpose(), np.matmul(x, beta) - y) / y.size
""", "numpy", verdict=W, diagnosis="factor")

NUMPY_MORE = [np_chorowski, np_chorowski_pr, np_brycewan, np_gamwe, np_so17784587, np_softmax_prime,
              np_mtsgl_wls, np_mtsgl_ls]


def _swap(entry: dict, old: str, new: str) -> str:
    """The entry's program with one line (or fragment) changed: a single slip."""
    assert old in entry["answer"], (old, entry["source"])
    return entry["answer"].replace(old, new, 1)


NUMPY_VARIANTS = [
    variant(np_fabien, _swap(np_fabien, "dW = np.dot(X.T, dscores)/num_train", "dW = np.dot(X.T, dscores)"), "factor"),
    variant(np_fabien, _swap(np_fabien, "dscores -= Y\n", ""), "missing_term"),
    variant(np_fabien, _swap(np_fabien, "dW = np.dot(X.T, dscores)/num_train", "dW = np.dot(dscores.T, X)/num_train"), "shape"),
    variant(np_20434, _swap(np_20434, "dW += 2 * reg * W", "dW += reg * W"), "factor"),
    variant(np_20434, _swap(np_20434, "dW += 2 * reg * W", "dW -= 2 * reg * W"), "sign"),
    variant(np_71171, _swap(np_71171, "dscores -= Y", "dscores = Y - dscores"), "sign"),
    variant(np_svm2, _swap(np_svm2, "dscores -= Y * num_pos.reshape(-1, 1)\n", ""), "missing_term"),
    variant(np_case_W, _swap(np_case_W, "dhidden[hidden_layer <= 0] = 0\n", ""), "other"),
    variant(np_case_W, _swap(np_case_W, "dhidden = np.dot(dscores, W2.T)", "dhidden = np.dot(dscores, W2)"), "shape"),
    variant(np_case_W, _swap(np_case_W, "dW += reg * W\n", ""), "missing_term"),
    variant(np_case_b2, _swap(np_case_b2, "axis=0", "axis=1"), "shape"),
    # numpy aliasing: dscores = probs, then dscores -= Y and /= N change probs too, so probs - Y is (P − Y)/N − Y
    variant(np_case_W2, _swap(np_case_W2, "np.dot(hidden_layer.T, dscores)", "np.dot(hidden_layer.T, probs - Y)"), "other"),
    variant(np_two_W1, _swap(np_two_W1, "dhidden[hidden_layer <= 0] = 0", "dhidden[hidden_layer > 0] = 0"), "other"),
    variant(np_two_W1, _swap(np_two_W1, "grads['W1'] = np.dot(X.T, dhidden) + reg * W1",
                             "grads['W1'] = np.dot(dhidden.T, X) + reg * W1"), "shape"),
    variant(np_lazy_w2, _swap(np_lazy_w2, "Z.T.dot(T - Y)", "Z.T.dot(Y - T)"), "sign"),
    variant(np_lazy_w1, _swap(np_lazy_w1, "* Z * (1 - Z)", "* Z"), "other"),
    variant(np_lazy_b1, _swap(np_lazy_b1, ".sum(axis=0)", ".sum(axis=1)"), "shape"),
    variant(np_felix, _swap(np_felix, "np.dot(x.T, yh - y)/N", "np.dot(x.T, yh - y)"), "factor"),
    variant(np_felix, _swap(np_felix, "np.dot(x.T, yh - y)/N", "np.dot(x.T, y - yh)/N"), "sign"),
    variant(np_ziyang, _swap(np_ziyang, "2 * (xTr @ xTr.T @ w - xTr @ yTr.T + lambdaa * w)",
                             "2 * (xTr @ xTr.T @ w - xTr @ yTr.T) + lambdaa * w"), "factor"),
    variant(np_ariamgo_l, _swap(np_ariamgo_l, " + lam * np.sign(w)", ""), "missing_term"),
    variant(np_ariamgo_r, _swap(np_ariamgo_r, "X.T @ (X @ w - y) / n", "X.T @ (X @ w - y)"), "factor"),
    variant(np_st_dW, _swap(np_st_dW, "np.outer(z*(1-z), x)", "np.outer(x, z*(1-z))"), "transpose"),
    variant(np_opt2_W, _swap(np_opt2_W, "dW = dD.dot(X.T)", "dW = X.T.dot(dD)"), "shape"),
    variant(np_ni_w2, _swap(np_ni_w2, "np.dot(delta, a1.transpose())", "np.dot(a1.transpose(), delta)"), "shape"),
    variant(np_ni_b2, _swap(np_ni_b2, "delta = (a2 - y) * sigmoid(z2)*(1-sigmoid(z2))", "delta = (a2 - y)"), "other"),
    variant(np_ni_w1, _swap(np_ni_w1, "delta = np.dot(W2.transpose(), delta) * sp", "delta = np.dot(W2.transpose(), delta)"), "other"),
]

NUMPY_REWRITES = [
    variant(np_fabien, "X.T @ (softmax(X @ W) - Y) / n + reg * W", None, C),
    variant(np_case_W, _swap(np_case_W, "dhidden = np.dot(dscores, W2.T)\n# backprop the ReLU non-linearity\ndhidden[hidden_layer <= 0] = 0",
                             "dhidden = np.dot(dscores, W2.T) * (hidden_layer > 0)"), None, C),
    variant(np_felix, _swap(np_felix, "np.dot(x.T, yh - y)/N", "x.T @ (yh - y) / N"), None, C),
    variant(np_ariamgo_r, _swap(np_ariamgo_r, "X.T @ (X @ w - y) / n", "(X.T @ X @ w - X.T @ y) / n"), None, C),
    variant(np_st_dW, _swap(np_st_dW, "np.outer(z*(1-z), x)", "(z*(1-z))[:, None] * x[None, :]"), None, C),
    variant(np_ni_w2, _swap(np_ni_w2, "np.dot(delta, a1.transpose())", "np.outer(delta, a1)"), None, C),
    variant(np_20434, _swap(np_20434, "dW = X.T.dot(dscores) / X.shape[0]\ndW += 2 * reg * W",
                            "dW = (X.T @ dscores) / X.shape[0] + 2 * reg * W"), None, C),
]

ANSWERS: list[dict] = LATEX_REAL + LATEX_VARIANTS + LATEX_REWRITES + QA_REAL + [gamwe_latex] + NUMPY_REAL + NUMPY_MORE + NUMPY_VARIANTS + NUMPY_REWRITES

# --------------------------------------------------------------------------------------------------
# the ground truth: each LaTeX answer in numpy (declared vectors as (n, 1) columns, λ as lambda_), for
# ``benchmarks/tensor_corpus.py --truth``, which compares every answer with central differences of the
# loss and so checks the expected verdicts themselves (numpy answers are run as they are)
# --------------------------------------------------------------------------------------------------
TRUTH = {
    'X^T X b - X^T y':
        'X.T@X@b - X.T@y',
    r'\nabla_{\theta}J(\theta) = X^{T}X\theta - X^{T}\vec{y}':
        'X.T@X@theta - X.T@y',
    r'X^T X \theta - X^T y':
        'X.T@X@theta - X.T@y',
    r'\frac{1}{2} [2 X^T X \theta - X^T y - (y^T X)^T]':
        '(2*X.T@X@theta - X.T@y - (y.T@X).T)/2',
    r'2 \mathbf{X}^\top (\mathbf{X} \mathbf{w} - \mathbf{y})':
        '2*X.T@(X@w - y)',
    r'\frac{1}{n} \sum_{i=1}^{n} \mathbf{x}^{(i)} \left(\mathbf{w}^\top \mathbf{x}^{(i)} + b - y^{(i)}\right)':
        'X.T@(X@w + b - y)/n',
    r'\frac{1}{n} \sum_{i=1}^{n} \left(\mathbf{w}^\top \mathbf{x}^{(i)} + b - y^{(i)}\right)':
        'np.sum(X@w + b - y)/n',
    r'\mathrm{softmax}(\mathbf{O}) - \mathbf{Y}':
        'softmax(O) - Y',
    r'\frac{\partial J}{\partial \mathbf{W}^{(2)}} = \frac{\partial J}{\partial \mathbf{o}} \mathbf{h}^\top + \lambda \mathbf{W}^{(2)}':
        'dJdo@h.T + lambda_*W2',
    r'\frac{\partial J}{\partial \mathbf{W}^{(1)}} = \frac{\partial J}{\partial \mathbf{z}} \mathbf{x}^\top + \lambda \mathbf{W}^{(1)}':
        'dJdz@x.T + lambda_*W1',
    r'\frac{\partial f}{\partial \mathbf{V}} = -2\mathbf{U}^\top(\mathbf{X}-\mathbf{U}\mathbf{V})':
        '-2*U.T@(X - U@V)',
    r'\nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{A} \mathbf{x} = (\mathbf{A} + \mathbf{A}^\top)\mathbf{x}':
        '(A + A.T)@x',
    r'\nabla_{\mathbf{x}} \|\mathbf{x} \|^2 = \nabla_{\mathbf{x}} \mathbf{x}^\top \mathbf{x} = 2\mathbf{x}':
        '2*x',
    r'\nabla_{\mathbf{X}} \|\mathbf{X} \|_\textrm{F}^2 = 2\mathbf{X}':
        '2*X',
    r'\nabla \mathcal{L}(\mathbf{w}) =  -\mathbf{X}^\top \mathbf{y} +\mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w}) + 2\lambda \mathbf{w}':
        '-X.T@y + X.T@sigmoid(X@w) + 2*lambda_*w',
    r'- \sum_{i=1}^n \left[ y_i - \phi(w^T x_i)   \right] x_i':
        '-X.T@(y - sigmoid(X@w))',
    r'- \sum_{i=1}^n \left[y_i \left( 1 - \phi(w^T x_i) \right) - (1 - y_i) \phi(w^T x_i)  \right] x_i':
        '-X.T@(y*(1 - sigmoid(X@w)) - (1 - y)*sigmoid(X@w))',
    r'\frac{\partial \mathcal{L}(w)}{\partial w} = -\sum_{i=1}^n x_i \left[y_i - \phi(w^T x_i) \right]^T':
        '-X.T@(y - softmax(X@w))',
    r'\left(y - h_\theta(x)\right) x':
        '(y - sigmoid(theta.T@x))*x',
    r'\vec\nabla \left( \vec{x}^\top A \vec{x} \right) = (A+A^\top)\vec{x}':
        '(A + A.T)@x',
    r'\vec\nabla (\langle \vec{x}, \vec{a} \rangle) =  \vec{a}':
        'a',
    r'\nabla(\vec{x}^T A \vec{x})=2A \vec{x}':
        '2*A@x',
    r'\nabla\left( \frac{1}{2} \vec{x}^T \vec{A}x \right)=\vec{A}x':
        'A@x',
    r'\frac{\partial}{\partial \mathbf{x}} (\mathbf{x}^T A \mathbf{x}) &= (A + A^T) \mathbf{x}':
        '(A + A.T)@x',
    r'\frac{\partial}{\partial \mathbf{x}} \mathbf{x}^T \mathbf{a} &= \frac{\partial}{\partial \mathbf{x}} \mathbf{a}^T \mathbf{x} = \mathbf{a}':
        'a',
    r'\nabla_x \left( x^\mathsf{T}Ax \right) = x^\mathsf{T}\left(A + A^\mathsf{T} \right)':
        'x.T@(A + A.T)',
    r'\nabla_x \langle Ax, b \rangle = A^\mathsf{T}b':
        'A.T@b',
    r'\frac{\partial}{\partial \mathbf{x}}(\mathbf{w} \cdot \mathbf{x}) = \mathbf{w}^T':
        'w.T',
    r'\frac{\partial \ln|\det(\mathbf{X})|}{\partial \mathbf{X}} = (\mathbf{X}^{-1})^T':
        'np.linalg.inv(X).T',
    r'(\mathbf{X}^T)^{-1}':
        'np.linalg.inv(X.T)',
    r'\frac{\partial \det(\mathbf{X})}{\partial \mathbf{X}} = \det(\mathbf{X})(\mathbf{X}^{-1})^T':
        'np.linalg.det(X)*np.linalg.inv(X).T',
    r'\frac{\partial \mathbf{a}^T\mathbf{X}^{-1}\mathbf{b}}{\partial \mathbf{X}} = -\mathbf{X}^{-T}\mathbf{a}\mathbf{b}^T\mathbf{X}^{-T}':
        '-np.linalg.inv(X).T@a@b.T@np.linalg.inv(X).T',
    r'\frac{\partial \mathbf{a}^T\mathbf{X}\mathbf{b}}{\partial \mathbf{X}} = \mathbf{a}\mathbf{b}^T':
        'a@b.T',
    r'\frac{\partial \mathbf{a}^T\mathbf{X}^T\mathbf{b}}{\partial \mathbf{X}} = \mathbf{b}\mathbf{a}^T':
        'b@a.T',
    r'\frac{\partial \mathbf{x}^T\mathbf{B}\mathbf{x}}{\partial \mathbf{x}} = (\mathbf{B} + \mathbf{B}^T)\mathbf{x}':
        '(B + B.T)@x',
    r'\frac{\partial \mathbf{b}^T\mathbf{X}^T\mathbf{X}\mathbf{c}}{\partial \mathbf{X}} = \mathbf{X}(\mathbf{b}\mathbf{c}^T + \mathbf{c}\mathbf{b}^T)':
        'X@(b@c.T + c@b.T)',
    r'\frac{\partial}{\partial \mathbf{x}}(\mathbf{x} - \mathbf{s})^T\mathbf{W}(\mathbf{x} - \mathbf{s}) = 2\mathbf{W}(\mathbf{x} - \mathbf{s})':
        '2*W@(x - s)',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}) = \mathbf{I}':
        'np.eye(d)',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}\mathbf{A}) = \mathbf{A}^T':
        'A.T',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{A}\mathbf{X}\mathbf{B}) = \mathbf{A}^T\mathbf{B}^T':
        'A.T@B.T',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{A}\mathbf{X}^T\mathbf{B}) = \mathbf{B}\mathbf{A}':
        'B@A',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}^2) = 2\mathbf{X}^T':
        '2*X.T',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}^T\mathbf{B}\mathbf{X}) = \mathbf{B}\mathbf{X} + \mathbf{B}^T\mathbf{X}':
        'B@X + B.T@X',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{X}^T\mathbf{X}) = 2\mathbf{X}':
        '2*X',
    r'\frac{\partial}{\partial \mathbf{X}}\mathrm{Tr}(\mathbf{A}\mathbf{X}^{-1}\mathbf{B}) = -(\mathbf{X}^{-1}\mathbf{B}\mathbf{A}\mathbf{X}^{-1})^T = -\mathbf{X}^{-T}\mathbf{A}^T\mathbf{B}^T\mathbf{X}^{-T}':
        '-np.linalg.inv(X).T@A.T@B.T@np.linalg.inv(X).T',
    r'\frac{\partial}{\partial \mathbf{x}}||\mathbf{x} - \mathbf{a}||_2 = \frac{\mathbf{x} - \mathbf{a}}{||\mathbf{x} - \mathbf{a}||_2}':
        '(x - a)/np.linalg.norm(x - a)',
    r'\nabla_{\mu_0} \mathcal{l}(\theta) = \Sigma^{-1} \sum_{i=1}^{n} (\mathbf{x}^{(i)} - \mu_0)':
        'np.linalg.inv(Sigma)@(X - mu0.T).T@np.ones((n,1))',
    r'\frac{1}{2} \left[ -n\Sigma^{-1} + \Sigma^{-1} \left( \sum_{i=1}^n S_i \right) \Sigma^{-1} \right]':
        '(-n*np.linalg.inv(Sigma) + np.linalg.inv(Sigma)@(X - mu.T).T@(X - mu.T)@np.linalg.inv(Sigma))/2',
    r'-2A(x - \mu)':
        '-2*A@(x - mu)',
    r'{dW} = X^\intercal {dF}':
        'X.T@((softmax(X@W + b) - Y)/n)',
    r'{db} = \begin{bmatrix} \sum\limits_{i=1} {dF}_{1i} \\ \sum\limits_{i=1} {dF}_{2i} \\ \vdots \\ \sum\limits_{i=1} {dF}_{ni} \end{bmatrix}':
        'np.sum((softmax(X@W + b) - Y)/n, axis=1, keepdims=True)',
    r'\frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} W^T':
        'G@W.T',
    r'\frac{\partial L}{\partial W} = X^T \frac{\partial L}{\partial Y}':
        'X.T@G',
    r'\frac{\partial C}{\partial W^{(2)}} = \delta^{(2)} (a^{(1)})^T':
        'd2@a1.T',
    r'\frac{\partial C}{\partial b^{(2)}} = \delta^{(2)}':
        'd2',
    r'\frac{\partial C}{\partial W^{(1)}} = \delta^{(1)} x^T':
        'd1@x.T',
    r'\frac{\partial C}{\partial b^{(1)}} = \delta^{(1)}':
        'd1',
    r'X^T X \theta - y^T X':
        'X.T@X@theta - y.T@X',
    r'\theta^T X^T X - y^T X':
        'theta.T@X.T@X - y.T@X',
    r'X^T X \theta + X^T y':
        'X.T@X@theta + X.T@y',
    r'2 (\mathbf{X} \mathbf{w} - \mathbf{y})^\top \mathbf{X}':
        '2*(X@w - y).T@X',
    r'\mathbf{X}^\top (\mathbf{X} \mathbf{w} - \mathbf{y})':
        'X.T@(X@w - y)',
    r'2 \mathbf{X} (\mathbf{X}^\top \mathbf{w} - \mathbf{y})':
        '2*X@(X.T@w - y)',
    r'\sum_{i=1}^{n} \mathbf{x}^{(i)} \left(\mathbf{w}^\top \mathbf{x}^{(i)} + b - y^{(i)}\right)':
        'X.T@(X@w + b - y)',
    r'\frac{1}{n} \sum_{i=1}^{n} \mathbf{x}^{(i)} \left(y^{(i)} - \mathbf{w}^\top \mathbf{x}^{(i)} - b\right)':
        'X.T@(y - X@w - b)/n',
    r'\mathbf{Y} - \mathrm{softmax}(\mathbf{O})':
        'Y - softmax(O)',
    r'\mathbf{h} \frac{\partial J}{\partial \mathbf{o}}^\top + \lambda \mathbf{W}^{(2)}':
        'h@dJdo.T + lambda_*W2',
    r'\frac{\partial J}{\partial \mathbf{z}} \mathbf{x}^\top':
        'dJdz@x.T',
    "\\left(\\sigma'(\\mathbf{z})^\\top {\\mathbf{W}^{(2)}}^\\top \\frac{\\partial J}{\\partial \\mathbf{o}}\\right) \\mathbf{x}^\\top + \\lambda \\mathbf{W}^{(1)}":
        '(sigmoid_prime(z).T@W2.T@dJdo)@x.T + lambda_*W1',
    r'2\mathbf{U}^\top(\mathbf{X}-\mathbf{U}\mathbf{V})':
        '2*U.T@(X - U@V)',
    r'-2(\mathbf{X}-\mathbf{U}\mathbf{V})\mathbf{U}^\top':
        '-2*(X - U@V)@U.T',
    r'\mathbf{X}^\top \mathbf{y} - \mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w}) + 2\lambda \mathbf{w}':
        'X.T@y - X.T@sigmoid(X@w) + 2*lambda_*w',
    r'-\mathbf{X}^\top \mathbf{y} +\mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w}) + \lambda \mathbf{w}':
        '-X.T@y + X.T@sigmoid(X@w) + lambda_*w',
    r'-\mathbf{X}^\top \mathbf{y} +\mathbf{X}^\top\sigma(\mathbf{X}\mathbf{w})':
        '-X.T@y + X.T@sigmoid(X@w)',
    r'\sum_{i=1}^n \left[ y_i - \phi(w^T x_i)   \right] x_i':
        'X.T@(y - sigmoid(X@w))',
    r'-\sum_{i=1}^n \left[y_i - \phi(w^T x_i) \right] x_i^T':
        '-(y - softmax(X@w)).T@X',
    r'\mathbf{B}\mathbf{A}':
        'B@A',
    r'\mathbf{X}^{-1}':
        'np.linalg.inv(X)',
    r'\det(\mathbf{X})\mathbf{X}^{-1}':
        'np.linalg.det(X)*np.linalg.inv(X)',
    r'-\mathbf{X}^{-1}\mathbf{a}\mathbf{b}^T\mathbf{X}^{-1}':
        '-np.linalg.inv(X)@a@b.T@np.linalg.inv(X)',
    r'2\mathbf{B}\mathbf{x}':
        '2*B@x',
    r'2\mathbf{X}':
        '2*X',
    r'\frac{\mathbf{x} - \mathbf{a}}{||\mathbf{x} - \mathbf{a}||_2^2}':
        '(x - a)/np.linalg.norm(x - a)**2',
    r'\frac{1}{2} \left[ n\Sigma^{-1} - \Sigma^{-1} \left( \sum_{i=1}^n S_i \right) \Sigma^{-1} \right]':
        '(n*np.linalg.inv(Sigma) - np.linalg.inv(Sigma)@(X - mu.T).T@(X - mu.T)@np.linalg.inv(Sigma))/2',
    r'-n\Sigma^{-1} + \Sigma^{-1} \left( \sum_{i=1}^n S_i \right) \Sigma^{-1}':
        '(-n*np.linalg.inv(Sigma) + np.linalg.inv(Sigma)@(X - mu.T).T@(X - mu.T)@np.linalg.inv(Sigma))',
    r'\Sigma^{-1} \sum_{i=1}^{n} (\mu_0 - \mathbf{x}^{(i)})':
        'np.linalg.inv(Sigma)@(mu0.T - X).T@np.ones((n,1))',
    r'(a^{(1)})^T \delta^{(2)}':
        'a1.T@d2',
    "(a^{(2)} - y) \\sigma'(z^{(2)})":
        '(a2 - y)@sigmoid_prime(z2)',
    "\\left(((W^{(2)})^T \\delta^{(2)}) \\sigma'(z^{(1)})\\right) x^T":
        '((W2.T@d2)@sigmoid_prime(z1))@x.T',
    "\\left((\\delta^{(2)})^T W^{(2)} \\odot \\sigma'(z^{(1)})^T\\right)^T x":
        '((d2.T@W2)*sigmoid_prime(z1).T).T@x',
    r'((W^{(2)})^T \delta^{(2)}) \odot \sigma(z^{(1)})':
        '(W2.T@d2)*sigmoid(z1)',
    r'X^T(X\theta - y)':
        'X.T@(X@theta - y)',
    r'2\mathbf{X}^\top\mathbf{X}\mathbf{w} - 2\mathbf{X}^\top\mathbf{y}':
        '2*X.T@X@w - 2*X.T@y',
    r'\frac{1}{n}\mathbf{X}^\top(\mathbf{X}\mathbf{w} + b\mathbf{1} - \mathbf{y})':
        'X.T@(X@w + b*np.ones((n,1)) - y)/n',
    r'\mathbf{X}^\top(\sigma(\mathbf{X}\mathbf{w}) - \mathbf{y}) + 2\lambda\mathbf{w}':
        'X.T@(sigmoid(X@w) - y) + 2*lambda_*w',
    r'\sum_{i=1}^n (\sigma(w^T x_i) - y_i) x_i':
        'X.T@(sigmoid(X@w) - y)',
    r'X^T(\mathrm{softmax}(Xw) - y)':
        'X.T@(softmax(X@w) - y)',
    r'(\mathbf{B}\mathbf{A})^T':
        '(B@A).T',
    r'\mathbf{X}^{-T}':
        'np.linalg.inv(X).T',
    r'\frac{1}{2}\Sigma^{-1}\left(\sum_{i=1}^n (\mathbf{x}^{(i)} - \mu)(\mathbf{x}^{(i)} - \mu)^T\right)\Sigma^{-1} - \frac{n}{2}\Sigma^{-1}':
        'np.linalg.inv(Sigma)@(X - mu.T).T@(X - mu.T)@np.linalg.inv(Sigma)/2 - n/2*np.linalg.inv(Sigma)',
    r'\left((a^{(2)} - y) \odot a^{(2)} \odot (1 - a^{(2)})\right) (a^{(1)})^T':
        '((a2 - y)*a2*(1 - a2))@a1.T',
    r'(\mathbf{o} - \mathbf{y})\mathbf{h}^\top + \lambda\mathbf{W}^{(2)}':
        '(o - y)@h.T + lambda_*W2',
    r'\frac{d}{dA}x^TAx=\frac{dx^TA}{dA}x+x^TA\frac{dx}{dA}=\frac{dx^TA}{dA}x=xx':
        'x@x',
    r'xx^\top':
        'x@x.T',
    '2Ax_0':
        '2*A@x',
    'Ax_0 + A^Tx_0':
        'A@x + A.T@x',
    '2A^Tx_0':
        '2*A.T@x',
    'Ax_0':
        'A@x',
    r'\frac{\partial x^TAx}{\partial x} = \frac{\partial (x^TA)(x)}{\partial x} = \frac{\partial(x^TA)}{\partial x}(x) + (x^TA)\frac{\partial(x)}{\partial x} = A^Tx + x^TA':
        'A.T@x + x.T@A',
    r'\frac{\partial\phi}{\partial x} &= (A+A^T)x':
        '(A + A.T)@x',
    r'\nabla_{\mathrm x} \, f (\mathrm x) = \color{blue}{\left(\mathrm A + \mathrm A^\top\right) \,\mathrm x}':
        '(A + A.T)@x',
    r'\frac{\partial \alpha}{\partial \boldsymbol{x}} = \boldsymbol{x}^T\left(\boldsymbol{A}^T+\boldsymbol{A}\right)':
        'x.T@(A.T + A)',
    r'\frac{\partial \alpha}{\partial \boldsymbol{x}} = 2\boldsymbol{x}^T\boldsymbol{A}':
        '2*x.T@A',
    r'\frac{\partial Q(x)}{\partial x} = x^T(A+A^T)':
        'x.T@(A + A.T)',
    r'\Delta_x = 2(Ax-b)^TA':
        '2*(A@x - b).T@A',
    '(A^TA+(A^TA)^T)x-A^Tb-b^TA+0':
        '(A.T@A + (A.T@A).T)@x - A.T@b - b.T@A',
    'A^TAx-A^Tb':
        'A.T@A@x - A.T@b',
    '(A^TA+(A^TA)^T)x-2A^Tb&=2A^TAx-2A^Tb':
        '2*A.T@A@x - 2*A.T@b',
    '2(A^TAx-A^Tb)':
        '2*(A.T@A@x - A.T@b)',
    '2A^T (Ax - b)':
        '2*A.T@(A@x - b)',
    '2(Ax - b)^T A':
        '2*(A@x - b).T@A',
    r'\nabla_\textbf{x}f(\textbf{x}) = \textbf{A}^T(\textbf{Ax} - \textbf{b})':
        'A.T@(A@x - b)',
    '2A^t(Ax-b)':
        '2*A.T@(A@x - b)',
    '2A^TAx':
        '2*A.T@A@x',
    r'\nabla F(x)= 2x^TA^TA-2A^Tb':
        '2*x.T@A.T@A - 2*A.T@b',
    r'-(\mathbf{1} - s(\textbf{Xw}))\textbf{y} + s(\textbf{Xw})(\mathbf{1} - \textbf{y}) = s(\textbf{Xw}) - \textbf{y}':
        'sigmoid(X@w) - y',
    r'\nabla e_n(\mathbf{w}) = \frac{-y_n \mathbf{x}_n}{1 + e^{y_n \mathbf{w}^T \mathbf{x}_n}}':
        '-yn*xn/(1 + np.exp(yn*(w.T@xn)))',
    r'\nabla_{\mathbf{w}} L = \sum_{i=1}^{n} (\sigma(\mathbf{w}^T \mathbf{x}_i) - y_i) \mathbf{x}_i':
        'X.T@(sigmoid(X@w) - y)',
    r'\frac{\partial L}{\partial \mathbf{w}} = \mathbf{X}^T (\sigma(\mathbf{Xw}) - \mathbf{y})':
        'X.T@(sigmoid(X@w) - y)',
    r'\nabla L = -\sum_{i=1}^{n} (y_i - \sigma(\mathbf{w}^T \mathbf{x}_i)) \mathbf{x}_i':
        '-X.T@(y - sigmoid(X@w))',
    r'\nabla E_{in}(W) = X(S(X) - Y)^T':
        'X@(softmax(X.T@W).T - Yt.T).T',
    r'\frac{dJ}{dU} = (\operatorname{softmax}(hU+b_2) - y)h':
        '(softmax(h@U + b2) - y)@h',
    r'\frac{dJ}{db_2} =(\operatorname{softmax}(hU+b_2) - y)':
        'softmax(h@U + b2) - y',
}
TRUTH_WHERE = {
    D2L_MLP_WHERE: ("z = W1@x", "h = sigmoid(z)", "o = W2@h", "dJdo = o - y", "dJdh = W2.T@dJdo", "dJdz = dJdh*sigmoid_prime(z)"),
    NIELSEN_WHERE: ("z1 = W1@x + b1", "a1 = sigmoid(z1)", "z2 = W2@a1 + b2", "a2 = sigmoid(z2)", "d2 = (a2 - y)*sigmoid_prime(z2)",
                    "d1 = (W2.T@d2)*sigmoid_prime(z1)"),
}

__all__ = ["ANSWERS", "TRUTH", "TRUTH_WHERE"]
