"""Real scalar answers, in the notation of public course notes, solutions and Q&A pages, with the verdict each deserves.

Each entry: the loss (symgrad text, or LaTeX), the parameter, the answer as pasted, the expected verdict,
the source it copies its notation from, and (rarely) the student's own names as ``--where`` declares them.
Wrong answers are wrong the ways students are: a lost sign, a missing 1/n or 2, a missing chain factor, a
forgotten regularizer, a regularized bias, a wrong σ'.  ``tests/symbolic/test_real_answers.py`` asserts every
verdict; ``benchmarks/check_corpus.py`` reports the rates.
"""
from __future__ import annotations

from typing import NamedTuple


class Answer(NamedTuple):
    loss: str
    wrt: str
    answer: str
    verdict: str
    source: str
    where: tuple[str, ...] = ()


LECTURE = "/work/shared/lecture-notes.md (the course's own neuron derivation)"
NIELSEN1 = "http://neuralnetworksanddeeplearning.com/chap3.html (eqs. 55-61, via github.com/Colelyman/tensorflow notes)"
NIELSEN2 = "https://github.com/nndl-solutions/NNDL-solutions (chapter 3 solutions)"
CS229 = "https://aman.ai/primers/backprop/derivative-logistic-regression (CS229 / Ng notation)"
NG = "https://cfs.mostlyvoid.xyz (Andrew Ng's Coursera ML notes: dJ/dtheta_j derivation)"
NUMERADE = "https://www.numerade.com/student-profile/jose-manuel-walker-6321/ (cross-entropy homework)"
D2L = "https://d2l.ai/chapter_linear-regression/linear-regression.html (minibatch SGD update)"
RIDGE = "https://payfordissertation.com/consider-fitting-a-2-regularized-linear-regression-model (6.036 homework)"
WIZEDU = "https://wizedu.com/questions/316625/what-is-the-gradient-of-the-least-squares-loss"
CS231N_SVM = "https://math.techqa.club/derivation-of-gradient-for-svm-function-2561145 (cs231n optimization-1)"
AMAN_SVM = "https://aman.ai/primers/backprop/derivative-svm/ (the boxed gradient drops the minus sign)"
JAEWON = "https://github.com/leejae94/deeplearning-note (SVM hinge loss gradient)"
RELU_MD = "markdown notes on ReLU (code search: \\left\\{\\begin{matrix} x & if & x > 0 ...)"
RELU_BACKPACK = "backpack.core.derivatives.relu: ReLU'(x) = 0 if x < 0 else 1"
RELU_MATLAB = "relu_prime.m: y = floor(heaviside(x)); relu_derivative.m: y = double(x > 0)"
SMA = "https://github.com/Rockung/sma (cs231n sigmoid example: d sigma/dx = (1 - sigma(x)) sigma(x))"
CS231N_DERIV = "https://cs231n.github.io/optimization-2/ (backprop in practice: ddot = (1 - f) * f)"
STATS500902 = "https://stats.stackexchange.com/q/500902 (dW_ij = z_i(1 - z_i)x_j)"
DLAI = "https://community.deeplearning.ai/t/derivation-of-dl-dz/165 (a(1-a), y_pred - y)"
ECCN = "http://bbs.eccn.com/viewthread.php?tid=329578 (Nielsen's quadratic cost: dC/dw = a sigma'(z))"
GAUSS = "maximum-likelihood notes for a Gaussian's sigma (Bishop PRML 1.2.4 notation)"
SOFTMAX = "https://d2l.ai/chapter_linear-classification/softmax-regression.html (softmax(o)_j - y_j)"
LASSO = "lasso subgradient notes: d/dw lambda|w| = lambda sign(w)"
TANH = "cs231n / d2l activation notes: tanh'(x) = 1 - tanh^2(x)"
CS229_LMS = "CS229 lecture notes 1 (LMS update with x_j^{(i)})"

NEURON = "1/2*(y - sigmoid(omega*x + b))**2 + lambda*omega**2"
CROSS_ENTROPY = "-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))"
LOGISTIC_RISK = "-Sum(y[i]*log(sigmoid(theta*x[i])) + (1 - y[i])*log(1 - sigmoid(theta*x[i])), (i, 1, m))/m"
D2L_RISK = r"\frac{1}{n}\sum_{i=1}^{n} \frac{1}{2}\left(w x_i + b - y_i\right)^2"
RIDGE_LOSS = "Sum((y[t] - theta*x[t] - theta0)**2, (t, 1, n)) + lambda*theta**2"
RELU = "1/2*(y - relu(w*x + b))**2"
HINGE = "max(0, 1 - y*(w*x + b)) + lambda*w**2"
MULTI_HINGE = "max(0, w1*x - w2*x + 1) + max(0, w3*x - w2*x + 1)"
TANH_LOSS = "1/2*(y - tanh(w*x + b))**2"
GAUSSIAN = "(x - mu)**2/(2*sigma**2) + log(sigma)"
SOFTMAX2 = "-log(exp(z1)/(exp(z1) + exp(z2)))"
LASSO_LOSS = "(y - w*x)**2 + lambda*abs(w)"
QUADRATIC = "(y - sigmoid(w*x + b))**2/2"
TWO_FEATURES = "1/2*(y - w1*x1 - w2*x2 - b)**2"
FEATURE_RISK = "Sum((w1*x1[i] + w2*x2[i] - y[i])**2, (i, 1, n))/(2*n)"
SIGMOID_LOSS = r"\sigma(w_0 x_0 + w_1 x_1 + w_2)"

C, W = "correct", "incorrect"

ANSWERS: list[Answer] = [
    # -- the lecture's neuron: L = ½(y − σ(ωx + b))² + λω² ----------------------------------------------
    Answer(NEURON, "omega", r"\frac{\partial \mathcal{L}}{\partial \omega} = \frac{1}{2} \cdot 2 (y - \sigma(\omega x + b)) \cdot \sigma'(\omega x + b) \cdot x + 2\lambda \omega", W, LECTURE),
    Answer(NEURON, "omega", r"-(y - \sigma(\omega x + b))\,\sigma'(\omega x + b)\,x + 2\lambda\omega", C, LECTURE),
    Answer(NEURON, "omega", "−(y − σ(ωx + b))·σ(ωx + b)(1 − σ(ωx + b))·x + 2λω", C, LECTURE),
    Answer(NEURON, "omega", "2 lambda omega - (y - sigmoid(z)) sigmoid(z) (1 - sigmoid(z)) x", C, LECTURE),
    Answer(NEURON, "omega", r"$(\sigma(z) - y)\,\sigma(z)(1-\sigma(z))\,x + 2\lambda\omega$.", C, LECTURE),
    Answer(NEURON, "omega", r"\nabla_\omega \mathcal{L} = (\hat y - y)\hat y(1 - \hat y)x + 2\lambda\omega", C, LECTURE),
    Answer(NEURON, "omega", "(a - y) a (1 - a) x + 2 λ ω", C, NIELSEN1),
    Answer(NEURON, "omega", r"(\sigma(z) - y)\sigma(z)(1-\sigma(z))x", W, LECTURE),
    Answer(NEURON, "omega", r"(\sigma(z) - y)\sigma(z)(1-\sigma(z)) + 2\lambda\omega", W, LECTURE),
    Answer(NEURON, "omega", r"(\sigma(z)-y)\sigma(z)x + 2\lambda\omega", W, LECTURE),
    Answer(NEURON, "omega", r"\frac{\partial L}{\partial b} = (\sigma(z) - y)\sigma(z)(1-\sigma(z))", W, LECTURE),
    Answer(NEURON, "omega", "(σ(z) − y)σ′(z)x + λω", W, LECTURE),
    Answer(NEURON, "omega", r"\(\frac{\partial L}{\partial \omega} = x\,(\sigma(\omega x+b) - y)\,\sigma(\omega x+b)\,(1 - \sigma(\omega x+b)) + 2\lambda\omega\)", C, SMA),
    Answer(NEURON, "omega", "dL/domega = (sigmoid(z) - y)*sigmoid(z)*(1 - sigmoid(z))*x + 2*lambda*omega", C, DLAI),
    Answer(NEURON, "omega", r"\partial_\omega L = 2\lambda\omega + x\,(1-\sigma(z))\,\sigma(z)\,(\sigma(z)-y)", C, CS231N_DERIV),
    Answer(NEURON, "omega", r"2\lambda\omega - \left[y - \frac{1}{1+e^{-(\omega x + b)}}\right]\frac{e^{-(\omega x + b)}}{(1+e^{-(\omega x+b)})^2}\,x", C, SMA),
    Answer(NEURON, "b", r"\frac{\partial \mathcal{L}}{\partial b} = \frac{1}{2} \cdot 2 (y - \sigma(\omega x + b)) \cdot \sigma'(\omega x + b) \cdot (-1)", C, LECTURE),
    Answer(NEURON, "b", r"(\hat{y} - y)\,\hat{y}\,(1-\hat{y})", C, LECTURE),
    Answer(NEURON, "b", r"(\sigma(z) - y)\sigma'(z) + 2\lambda b", W, LECTURE),
    Answer(NEURON, "b", "dL/db = (σ(z) − y)σ(z)(1 − σ(z))", C, LECTURE),
    Answer(NEURON, "b", r"(y - \sigma(z))\sigma(z)(1 - \sigma(z))", W, LECTURE),
    Answer(NEURON, "b", r"(\sigma(z) - y)\sigma'(z)x", W, LECTURE),
    # -- cross-entropy of one sigmoid neuron (Nielsen ch. 3) ------------------------------------------
    Answer(CROSS_ENTROPY, "w", r"x(\sigma(z) - y)", C, NIELSEN1),
    Answer(CROSS_ENTROPY, "w", r"\frac{\partial C}{\partial w} = x (a - y)", C, NIELSEN1),
    Answer(CROSS_ENTROPY, "w", r"\frac{\sigma'(z)x}{\sigma(z)(1-\sigma(z))} (\sigma(z) - y)", C, NIELSEN1),
    Answer(CROSS_ENTROPY, "w", r"-(y - \sigma(wx+b))x", C, NIELSEN2),
    Answer(CROSS_ENTROPY, "w", r"(y - \sigma(wx+b))x", W, NIELSEN2),
    Answer(CROSS_ENTROPY, "w", r"-\left[\frac{y}{\sigma(z)} - \frac{1-y}{1-\sigma(z)}\right]\sigma(z)(1-\sigma(z))\,x", C, NIELSEN2),
    Answer(CROSS_ENTROPY, "w", r"(\sigma(z) - y)", W, NIELSEN1),
    Answer(CROSS_ENTROPY, "w", r"x(\sigma(z)-y)\sigma(z)(1-\sigma(z))", W, ECCN),
    Answer(CROSS_ENTROPY, "w", "(y_pred - y)*x", C, DLAI, ("y_pred = sigmoid(z)",)),
    Answer(CROSS_ENTROPY, "w", r"-\left(\frac{y}{a} - \frac{1-y}{1-a}\right) a(1-a) x", C, NIELSEN2),
    Answer(CROSS_ENTROPY, "b", r"\frac{\partial C}{\partial b} = (\sigma(z) - y)", C, NIELSEN1),
    Answer(CROSS_ENTROPY, "b", "σ(wx + b) − y", C, NIELSEN1),
    Answer(CROSS_ENTROPY, "b", r"\frac{1}{1 + e^{-(wx+b)}} - y", C, NIELSEN2),
    Answer(CROSS_ENTROPY, "b", r"y - \sigma(z)", W, NIELSEN1),
    Answer(CROSS_ENTROPY, "b", r"\frac{\partial C}{\partial w} = \sigma(z) - y", W, NIELSEN1),
    # -- logistic regression's empirical risk (CS229, Ng) ---------------------------------------------
    Answer(LOGISTIC_RISK, "theta", r"\frac{1}{m}\sum_{i=1}^m (\sigma(\theta x^{(i)}) - y^{(i)}) x^{(i)}", C, CS229),
    Answer(LOGISTIC_RISK, "theta", r"\frac{\partial J(\theta)}{\partial \theta} = \frac{1}{m} \sum_{i=1}^{m} \left( h_\theta(x^{(i)}) - y^{(i)} \right) x^{(i)}", C, NG, (r"h_\theta(x^{(i)}) = \sigma(\theta x^{(i)})",)),
    Answer(LOGISTIC_RISK, "theta", r"\sum_{i=1}^{m}\left(h_{\theta}(x^{(i)})-y^{(i)}\right) x^{(i)}", W, CS229, (r"h_{\theta}(x^{(i)}) = \sigma(\theta x^{(i)})",)),
    Answer(LOGISTIC_RISK, "theta", r"-\frac{1}{m}\sum_{i=1}^m (y^{(i)} - \sigma(\theta x^{(i)})) x^{(i)}", C, NUMERADE),
    Answer(LOGISTIC_RISK, "theta", r"\frac{1}{m}\sum_{i=1}^m (y^{(i)} - \sigma(\theta x^{(i)})) x^{(i)}", W, NUMERADE),
    Answer(LOGISTIC_RISK, "theta", r"\frac{1}{m}\sum_i (\sigma(\theta x_i) - y_i)x_i", C, CS229),
    Answer(LOGISTIC_RISK, "theta", r"\frac{1}{m}\sum_{i=1}^m (\sigma(\theta x^{(i)}) - y^{(i)})", W, CS229),
    Answer(LOGISTIC_RISK, "theta", r"\frac{1}{m}\sum_{i=1}^m (\sigma(\theta x^{(i)}) - y^{(i)})\sigma(\theta x^{(i)})(1-\sigma(\theta x^{(i)}))x^{(i)}", W, CS229),
    Answer(LOGISTIC_RISK, "theta", "∑_{i=1}^{m} (σ(θx^{(i)}) − y^{(i)})x^{(i)}/m", C, CS229),
    Answer(LOGISTIC_RISK, "theta", r"\frac{1}{m}\sum_{i=1}^{m}\left(g(\theta x^{(i)}) - y^{(i)}\right)x^{(i)}", C, NUMERADE, (r"g(\theta x^{(i)}) = \sigma(\theta x^{(i)})",)),
    Answer(LOGISTIC_RISK, "theta", r"\frac{1}{m}\sum_{i=1}^{m}\left(\frac{1}{1+e^{-\theta x^{(i)}}} - y^{(i)}\right)x^{(i)}", C, CS229),
    # -- d2l's squared loss over a minibatch (loss in LaTeX) -------------------------------------------
    Answer(D2L_RISK, "w", r"\frac{1}{n}\sum_{i=1}^n x^{(i)}\left(w x^{(i)} + b - y^{(i)}\right)", C, D2L),
    Answer(D2L_RISK, "w", r"\frac{1}{n} \sum_{i=1}^{n} (w x_i + b - y_i) x_i", C, D2L),
    Answer(D2L_RISK, "w", r"\sum_{i=1}^{n} (w x_i + b - y_i) x_i", W, D2L),
    Answer(D2L_RISK, "w", r"\frac{2}{n}\sum_{i=1}^n (wx_i + b - y_i)x_i", W, D2L),
    Answer(D2L_RISK, "w", r"{1 \over n}\sum\limits_{i=1}^{n} x_i (w x_i + b - y_i)", C, D2L),
    Answer(D2L_RISK, "w", "(1/n) * Sum((w*x[i] + b - y[i])*x[i], (i, 1, n))", C, D2L),
    Answer(D2L_RISK, "w", r"\frac{1}{n}\sum_i (wx_i+b-y_i)x_i", C, D2L),
    Answer(D2L_RISK, "w", r"\frac{1}{n}\sum_{i=1}^n (y_i - w x_i - b)x_i", W, D2L),
    Answer(D2L_RISK, "b", r"\frac{1}{n}\sum_{i=1}^n \left(w x^{(i)} + b - y^{(i)}\right)", C, D2L),
    Answer(D2L_RISK, "b", r"\frac{1}{n}\sum_{i=1}^n (y_i - w x_i - b)", W, D2L),
    Answer(D2L_RISK, "b", r"\frac{\partial L}{\partial b} = \frac{1}{n}\sum_{i=1}^{n}(wx_i + b - y_i)", C, D2L),
    Answer(D2L_RISK, "b", r"\frac{1}{n}\sum_{i=1}^{n}(wx_i + b - y_i)x_i", W, D2L),
    # -- ridge regression (6.036 homework) -------------------------------------------------------------
    Answer(RIDGE_LOSS, "theta", r"-2\sum_{t=1}^n (y^{(t)} - \theta x^{(t)} - \theta_0)x^{(t)} + 2\lambda\theta", C, RIDGE),
    Answer(RIDGE_LOSS, "theta", r"\sum_{t=1}^{n} -2x^{(t)}(y^{(t)} - \theta x^{(t)} - \theta_0) + 2\lambda\theta", C, RIDGE),
    Answer(RIDGE_LOSS, "theta", r"-2\sum_{t=1}^n (y^{(t)} - \theta x^{(t)} - \theta_0)x^{(t)}", W, RIDGE),
    Answer(RIDGE_LOSS, "theta", r"-2\sum_{t=1}^n (y^{(t)} - \theta x^{(t)} - \theta_0)x^{(t)} + \lambda\theta", W, RIDGE),
    Answer(RIDGE_LOSS, "theta", r"2\sum_{t=1}^n (\theta x^{(t)} + \theta_0 - y^{(t)})x^{(t)} + 2\lambda\theta", C, RIDGE),
    Answer(RIDGE_LOSS, "theta", r"\nabla_\theta L = -2 \sum_t x^{(t)}(y^{(t)} - \theta x^{(t)} - \theta_0) + 2 \lambda \theta", C, RIDGE),
    Answer(RIDGE_LOSS, "theta", r"-\sum_{t=1}^n (y^{(t)} - \theta x^{(t)} - \theta_0)x^{(t)} + 2\lambda\theta", W, RIDGE),
    Answer(RIDGE_LOSS, "theta0", r"-2\sum_{t=1}^n (y^{(t)} - \theta x^{(t)} - \theta_0)", C, RIDGE),
    Answer(RIDGE_LOSS, "theta0", r"-2\sum_{t=1}^n (y^{(t)} - \theta x^{(t)} - \theta_0) + 2\lambda\theta_0", W, RIDGE),
    Answer(RIDGE_LOSS, "theta0", r"\frac{\partial L}{\partial \theta_0} = 2\sum_{t=1}^{n}(\theta x^{(t)} + \theta_0 - y^{(t)})", C, RIDGE),
    Answer(RIDGE_LOSS, "theta0", "−2∑_{t=1}^{n}(y^{(t)} − θx^{(t)} − θ_0)", C, RIDGE),
    Answer(RIDGE_LOSS, "theta0", r"-2\sum_{t=1}^n (y^{(t)} - \theta x^{(t)} - \theta_0)x^{(t)}", W, RIDGE),
    # -- a ReLU neuron: indicators and piecewise answers -----------------------------------------------
    Answer(RELU, "w", r"-(y - \text{ReLU}(wx+b))\,\mathbb{1}[wx + b > 0]\,x", C, RELU_MD),
    Answer(RELU, "w", r"-(y - \max(0, wx+b)) \begin{cases} x & \text{if } wx+b > 0 \\ 0 & \text{otherwise} \end{cases}", C, RELU_MD),
    Answer(RELU, "w", r"(\mathrm{ReLU}(z) - y)\,\mathrm{ReLU}'(z)\,x", C, RELU_BACKPACK),
    Answer(RELU, "w", "(relu(z) - y) relu'(z) x", C, RELU_BACKPACK),
    Answer(RELU, "w", r"(\max(0,z) - y) H(z) x", C, RELU_MATLAB),
    Answer(RELU, "w", r"(\max(0, z) - y)\,\mathbf{1}\{z > 0\}\,x", C, RELU_MD),
    Answer(RELU, "w", r"(\max(0,z) - y)[z > 0]x", C, RELU_MD),
    Answer(RELU, "w", r"(\max(0,z)-y)\,\mathbb{1}_{z>0}\,x", C, RELU_MD),
    Answer(RELU, "w", "(max(0, z) - y) * (z > 0) * x", C, RELU_MATLAB),
    Answer(RELU, "w", r"(\max(0,z) - y)\left\{\begin{array}{ll} x, & z > 0 \\ 0, & z \leq 0\end{array}\right.", C, RELU_MD),
    Answer(RELU, "w", r"(\max(0,z) - y)\left\{ \begin{matrix} x & if & z > 0 \\ 0 & if & z \leq 0 \end{matrix} \right.", C, RELU_MD),
    Answer(RELU, "w", r"(\max(0,z) - y)x", W, RELU_MD),
    Answer(RELU, "w", r"(y - \max(0,z))\mathbb{1}[z>0]x", W, RELU_MD),
    Answer(RELU, "w", r"(\max(0,z)-y)\mathbb{1}[z > 0]", W, RELU_MD),
    Answer(RELU, "w", r"(\max(0,z) - y)\,\mathbb{1}[z < 0]\,x", W, RELU_BACKPACK),
    Answer(RELU, "w", "(max(0, z) - y)*indicator(z > 0)*x", C, RELU_MATLAB),
    Answer(RELU, "w", r"(\max(0,z) - y)\,\mathbb{I}(z \geq 0)\,x", C, RELU_MATLAB),
    Answer(RELU, "b", r"(\operatorname{ReLU}(wx+b) - y)\,\mathbb{1}(wx+b > 0)", C, RELU_MD),
    Answer(RELU, "b", r"(\max(0,z) - y)\begin{cases}1 & z > 0\\ 0 & z < 0\end{cases}", C, RELU_BACKPACK),
    Answer(RELU, "b", r"(\max(0,z) - y)\,\mathbb{1}[z > 0]\,x", W, RELU_MD),
    Answer(RELU, "b", r"\begin{cases} \text{ReLU}(z) - y & \text{if } z > 0 \\ 0 & \text{otherwise} \end{cases}", C, RELU_MD),
    # -- the binary hinge loss with L2 (SVM) -----------------------------------------------------------
    Answer(HINGE, "w", r"-y x\,\mathbb{1}[y(wx+b) < 1] + 2\lambda w", C, JAEWON),
    Answer(HINGE, "w", r"\begin{cases} -yx + 2\lambda w & \text{if } y(wx + b) < 1 \\ 2\lambda w & \text{otherwise} \end{cases}", C, JAEWON),
    Answer(HINGE, "w", r"2\lambda w - \mathbb{1}\{1 - y(wx+b) > 0\}\,y x", C, CS231N_SVM),
    Answer(HINGE, "w", r"-yx\,\mathbb{1}[y(wx+b) < 1]", W, JAEWON),
    Answer(HINGE, "w", r"y x\,\mathbb{1}[y(wx+b) < 1] + 2\lambda w", W, JAEWON),
    Answer(HINGE, "w", r"-y x \mathbb{I}(y(wx+b) \lt 1) + 2 \lambda w", C, CS231N_SVM),
    Answer(HINGE, "w", r"-y x \mathbb{1}[y(wx + b) < 1] + \lambda w", W, JAEWON),
    Answer(HINGE, "b", r"-y\,\mathbb{1}[y(wx+b) < 1]", C, JAEWON),
    Answer(HINGE, "b", r"-y\,\mathbb{1}[y(wx+b) < 1] + 2\lambda b", W, JAEWON),
    Answer(HINGE, "b", r"\begin{cases} -y & \text{if } 1 - y(wx+b) > 0, \\ 0 & \text{else.} \end{cases}", C, CS231N_SVM),
    # -- cs231n's multiclass SVM for one example, three classes, class 2 correct --------------------------
    Answer(MULTI_HINGE, "w2", r"- \left( \mathbb{1}(w_1 x - w_2 x + 1 > 0) + \mathbb{1}(w_3 x - w_2 x + 1 > 0) \right) x", C, CS231N_SVM),
    Answer(MULTI_HINGE, "w2", r"\left( \mathbb{1}(w_1 x - w_2 x + 1 > 0) + \mathbb{1}(w_3 x - w_2 x + 1 > 0) \right) x", W, AMAN_SVM),
    Answer(MULTI_HINGE, "w2", r"-x\,[w_1x - w_2x + 1 > 0] - x\,[w_3x - w_2x + 1 > 0]", C, CS231N_SVM),
    Answer(MULTI_HINGE, "w2", r"-\mathbb{1}(w_1 x - w_2 x + 1 > 0)\,x", W, CS231N_SVM),
    Answer(MULTI_HINGE, "w1", r"\mathbb{1}(w_1 x - w_2 x + 1 > 0)\,x", C, CS231N_SVM),
    Answer(MULTI_HINGE, "w1", r"\nabla_{w_1} L = \mathbb{1}(w_1^T x - w_2^T x + 1 > 0) x", C, CS231N_SVM),
    Answer(MULTI_HINGE, "w1", r"\nabla_{w_1} L_i = \mathbb{1}(w_1^Tx - w_2^Tx + 1 > 0)", W, CS231N_SVM),
    Answer(MULTI_HINGE, "w3", r"\mathbb{1}(w_3^\top x - w_2^\top x + 1 > 0)\,x", C, JAEWON),
    # -- tanh neuron -------------------------------------------------------------------------------------
    Answer(TANH_LOSS, "w", r"-(y - \tanh(wx+b))(1 - \tanh^2(wx+b))x", C, TANH),
    Answer(TANH_LOSS, "w", "(tanh(z) - y)*(1 - tanh(z)^2)*x", C, TANH),
    Answer(TANH_LOSS, "w", r"\frac{(\tanh(z) - y)x}{\cosh^2(z)}", C, TANH),
    Answer(TANH_LOSS, "w", r"(\tanh(z) - y)(1 - \tanh(z))x", W, TANH),
    Answer(TANH_LOSS, "w", r"(\tanh(z) - y)(1 - \tanh^2(z))", W, TANH),
    Answer(TANH_LOSS, "w", r"(\hat y - y)(1-\hat y^2)x", C, TANH),
    Answer(TANH_LOSS, "b", "(tanh(z) − y)(1 − tanh²(z))", C, TANH),
    Answer(TANH_LOSS, "b", r"(y - \tanh(z))(1 - \tanh^2(z))", W, TANH),
    # -- a Gaussian's negative log-likelihood: σ is a variable here ------------------------------------
    Answer(GAUSSIAN, "sigma", r"\frac{1}{\sigma} - \frac{(x-\mu)^2}{\sigma^3}", C, GAUSS),
    Answer(GAUSSIAN, "sigma", "1/σ − (x − μ)²/σ³", C, GAUSS),
    Answer(GAUSSIAN, "sigma", r"\frac{1}{\sigma} + \frac{(x-\mu)^2}{\sigma^3}", W, GAUSS),
    Answer(GAUSSIAN, "sigma", r"-\frac{(x-\mu)^2}{\sigma^3}", W, GAUSS),
    Answer(GAUSSIAN, "sigma", r"\frac{\sigma^2 - (x-\mu)^2}{\sigma^3}", C, GAUSS),
    Answer(GAUSSIAN, "sigma", r"\frac{\partial \ell}{\partial \sigma} = \sigma^{-1} - (x - \mu)^2\sigma^{-3}", C, GAUSS),
    Answer(GAUSSIAN, "mu", r"-\frac{x - \mu}{\sigma^2}", C, GAUSS),
    Answer(GAUSSIAN, "mu", r"\frac{\mu - x}{\sigma^{2}}", C, GAUSS),
    Answer(GAUSSIAN, "mu", r"\frac{x-\mu}{\sigma^2}", W, GAUSS),
    Answer(GAUSSIAN, "mu", r"\frac{\mu - x}{2\sigma^2}", W, GAUSS),
    # -- softmax cross-entropy, two classes, label 1 ----------------------------------------------------
    Answer(SOFTMAX2, "z1", r"\frac{e^{z_1}}{e^{z_1} + e^{z_2}} - 1", C, SOFTMAX),
    Answer(SOFTMAX2, "z1", r"\operatorname{softmax}_1(z_1, z_2) - 1", C, SOFTMAX),
    Answer(SOFTMAX2, "z1", r"1 - \frac{e^{z_1}}{e^{z_1}+e^{z_2}}", W, SOFTMAX),
    Answer(SOFTMAX2, "z1", r"\frac{\exp(z_1)}{\exp(z_1) + \exp(z_2)}", W, SOFTMAX),
    Answer(SOFTMAX2, "z1", r"-\frac{e^{z_2}}{e^{z_1} + e^{z_2}}", C, SOFTMAX),
    Answer(SOFTMAX2, "z2", r"\frac{e^{z_2}}{e^{z_1}+e^{z_2}}", C, SOFTMAX),
    Answer(SOFTMAX2, "z2", r"\frac{e^{z_2}}{e^{z_1}+e^{z_2}} - 1", W, SOFTMAX),
    Answer(SOFTMAX2, "z2", "exp(z2)/(exp(z1) + exp(z2))", C, SOFTMAX),
    # -- lasso: |w| and its subgradient ----------------------------------------------------------------
    Answer(LASSO_LOSS, "w", r"-2x(y - wx) + \lambda\,\mathrm{sign}(w)", C, LASSO),
    Answer(LASSO_LOSS, "w", r"-2x(y - wx) + \lambda \operatorname{sgn}(w)", C, LASSO),
    Answer(LASSO_LOSS, "w", r"2x(wx - y) + \lambda\frac{w}{|w|}", C, LASSO),
    Answer(LASSO_LOSS, "w", r"-2x(y-wx) + \lambda", W, LASSO),
    Answer(LASSO_LOSS, "w", r"-2x(y - wx) + \lambda\begin{cases} 1 & w > 0 \\ -1 & w < 0\end{cases}", C, LASSO),
    Answer(LASSO_LOSS, "w", r"-x(y - wx) + \lambda\,\text{sign}(w)", W, LASSO),
    # -- Nielsen's quadratic cost of one neuron, in his a and z ------------------------------------------
    Answer(QUADRATIC, "w", r"(a - y)\sigma'(z) x", C, NIELSEN1),
    Answer(QUADRATIC, "w", r"\frac{\partial C}{\partial w} = (a-y)\sigma'(z)x", C, NIELSEN1),
    Answer(QUADRATIC, "w", "(a-y)σ′(z)x", C, NIELSEN1),
    Answer(QUADRATIC, "w", r"(a - y)x", W, NIELSEN1),
    Answer(QUADRATIC, "w", r"(a^L - y)\sigma'(z^L)\,x", C, NIELSEN1, (r"a^L = \sigma(wx+b)", "z^L = wx + b")),
    Answer(QUADRATIC, "w", r"a\sigma'(z)x", W, ECCN),
    Answer(QUADRATIC, "b", r"\frac{\partial C}{\partial b} = (a-y)\sigma'(z)", C, NIELSEN1),
    Answer(QUADRATIC, "b", r"(a-y)\sigma'(z)x", W, NIELSEN1),
    Answer(QUADRATIC, "b", r"(a - y)\,a(1 - a)", C, NIELSEN2),
    # -- two features, one example (wizedu) ------------------------------------------------------------
    Answer(TWO_FEATURES, "w1", r"-(y - w_1x_1 - w_2x_2 - b)x_1", C, WIZEDU),
    Answer(TWO_FEATURES, "w1", "-(y - w1 x1 - w2 x2 - b) x1", C, WIZEDU),
    Answer(TWO_FEATURES, "w1", r"(w_{1} x_{1} + w_{2} x_{2} + b - y) x_{1}", C, WIZEDU),
    Answer(TWO_FEATURES, "w1", "(w1*x1 + w2*x2 + b - y)*x1", C, WIZEDU),
    Answer(TWO_FEATURES, "w1", r"(w_1x_1 + w_2x_2 + b - y)x_2", W, WIZEDU),
    Answer(TWO_FEATURES, "w1", r"(w_1x_1 + w_2x_2 + b - y)", W, WIZEDU),
    Answer(TWO_FEATURES, "w_1", "∂L/∂w₁ = (w₁x₁ + w₂x₂ + b − y)x₁", C, WIZEDU),
    Answer(TWO_FEATURES, "w_2", r"-(y - w_1 x_1 - w_2 x_2 - b)\,x_2", C, WIZEDU),
    Answer(TWO_FEATURES, "w_2", r"-2(y - w_1 x_1 - w_2 x_2 - b)\,x_2", W, WIZEDU),
    # -- two features over n examples (CS229's x_j^{(i)} and its relatives) -------------------------------
    Answer(FEATURE_RISK, "w1", r"\frac{1}{n}\sum_{i=1}^n (w_1 x_1[i] + w_2 x_2[i] - y[i]) x_1[i]", C, CS229_LMS),
    Answer(FEATURE_RISK, "w1", r"\frac{1}{n}\sum_{i=1}^n (w_1 x^{(i)}_1 + w_2 x^{(i)}_2 - y^{(i)}) x^{(i)}_1", C, CS229_LMS),
    Answer(FEATURE_RISK, "w1", r"\frac{1}{n}\sum_{i=1}^n (w_1 x_{i1} + w_2 x_{i2} - y_i) x_{i1}", C, STATS500902),
    Answer(FEATURE_RISK, "w1", r"\frac{1}{n}\sum_{i=1}^n (w_1 x_{i,1} + w_2 x_{i,2} - y_i)x_{i,1}", C, STATS500902),
    Answer(FEATURE_RISK, "w1", r"\frac{1}{n}\sum_{i=1}^n (w_1 x_1^{(i)} + w_2 x_2^{(i)} - y^{(i)}) x_1^{(i)}", C, CS229_LMS),
    Answer(FEATURE_RISK, "w1", r"\frac{1}{2n}\sum_{i=1}^n (w_1 x_{i1} + w_2 x_{i2} - y_i) x_{i1}", W, CS229_LMS),
    Answer(FEATURE_RISK, "w1", r"\frac{1}{n}\sum_{i=1}^n (w_1 x_{i1} + w_2 x_{i2} - y_i)", W, CS229_LMS),
    Answer(FEATURE_RISK, "w1", "1/n * Sum((w1*x1[i] + w2*x2[i] - y[i])*x1[i], (i, 1, n))", C, CS229_LMS),
    Answer(FEATURE_RISK, "w2", r"\frac{1}{n}\sum_{i=1}^{n}\left(w_1 x^{(i)}_1 + w_2 x^{(i)}_2 - y^{(i)}\right)x^{(i)}_2", C, CS229_LMS),
    Answer(FEATURE_RISK, "w2", r"\frac{1}{n}\sum_{i=1}^{n}\left(y^{(i)} - w_1 x^{(i)}_1 - w_2 x^{(i)}_2\right)x^{(i)}_2", W, CS229_LMS),
    # -- cs231n's sigmoid example f(w, x) = σ(w0 x0 + w1 x1 + w2), loss in LaTeX ----------------------------
    Answer(SIGMOID_LOSS, "w0", r"x_0 (1 - \sigma(w_0 x_0 + w_1 x_1 + w_2))\,\sigma(w_0 x_0 + w_1 x_1 + w_2)", C, SMA),
    Answer(SIGMOID_LOSS, "w0", r"\frac{e^{-(w_0x_0 + w_1x_1 + w_2)}}{(1+e^{-(w_0x_0 + w_1x_1 + w_2)})^2}\,x_0", C, SMA),
    Answer(SIGMOID_LOSS, "w_2", "(1 - f) * f", C, CS231N_DERIV, (r"f = \sigma(w_0 x_0 + w_1 x_1 + w_2)",)),
    Answer(SIGMOID_LOSS, "w1", "x1 * (1 - f) * f", C, CS231N_DERIV, (r"f = \sigma(w_0 x_0 + w_1 x_1 + w_2)",)),
    Answer(SIGMOID_LOSS, "w1", "x0 * (1 - f) * f", W, CS231N_DERIV, (r"f = \sigma(w_0 x_0 + w_1 x_1 + w_2)",)),
    Answer(SIGMOID_LOSS, "w0", r"x_0\,\sigma(w_0 x_0 + w_1 x_1 + w_2)", W, SMA),
]
