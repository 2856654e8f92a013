"""A third, independent corpus of real vector and matrix gradient answers (no source of ``tensor_answers.py``
or ``tensor_answers_heldout.py`` is used here), with the verdict each deserves, to measure generalization.

How it was gathered: the ``search`` index (code) and ``read_file``/``find_string``: students' written solutions
to CS224n (2019+) assignment 2 (word2vec naive-softmax and negative-sampling gradients, U as columns or as rows),
a markdown copy of Kevin Clark's CS224n notes "Computing Neural Network Gradients" (identities 2.5-2.7 and the
one-layer network of section 3), students' word2vec.py implementations, CMU 11-785 ``Linear.backward``, a
Korean lab's ``dot`` backprop exercise, a PyTorch check of ``dLdW = dLdY.T @ X``, deeplearning.ai-style
``linear_backward`` and a column-major ``backward``, Cornell CS4780's ``ridge.m`` (three students, transcribed
from MATLAB to numpy), a ridge objective class, Coursera-ML ports with an unregularized ``theta[0]``, and a
MATLAB logistic ridge fit whose update adds the penalty's gradient with the wrong sign.

Each entry copies the answer as written.  Where a change was needed to make it checkable it is the smallest and
the source says so in brackets: ``self.`` dropped, a function body unrolled to the statements that compute the
one gradient, an integer index ``o`` turned into a one-hot ``Y`` (``y = np.zeros(...); y[o] = 1`` written
``y = Y.ravel()``, ``delta[o] -= 1`` written ``- Y.ravel()``), the outside vectors of one negative sample named
``uo``/``uk`` (several: the rows of ``U``), MATLAB written in numpy (``'`` → ``.T``, ``*`` → ``@``, ``lambda`` →
``lambdaa``/``lambd``), the left-hand side of an aligned derivation cut.  Entries whose source starts
"variant of" are single slips of a real answer.

Fields as in ``tensor_answers.py``.  The gradient has the parameter's shape, so a numerator-layout row
(Clark's δ₁ = (ŷ − y)ᵀ) is ``incorrect``/``transpose``.  Vocabulary size is ``m``, embedding size ``d``,
negative samples ``K``; the CS224n losses take the label as a one-hot row ``t``/``Y`` (``y = t.T`` in where).
"""
from __future__ import annotations

from tests.corpus.tensor_entries import A, C, W, variant  # noqa: F401


# --------------------------------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------------------------------
STEVRING = "github.com/Stevring/cs224n-2019-projects a2/a2_writing_part.md (U's columns are the u_w: θ = Uᵀv_c)"
A2W = ("CS224n assignment 2 written solution 'Assignment 2 [written]' (code index file 39031183897; U is "
       "(vocab_size, embedding_dim), its rows the u_w)")
CLARK = ("Kevin Clark, 'Computing Neural Network Gradients' (CS224n notes), markdown copy in the code index "
         "(file 15201043272)")
W2V_IND = "cs224n word2vec.py naiveSoftmaxLossAndGradient (code index file 19240642803, comment 'Gradient of vc = Ut (y-yhat)')"
W2V_DELTA = "cs224n word2vec.py naiveSoftmaxLossAndGradient with U = outsideVectors, v_c = centerWordVec (code index file 19727415689)"
W2V_SNAKE = "cs224n word2vec.py naive_softmax_loss_and_gradient, np.outer (code index file 16903138487)"
W2V_CLASS = "word2vec class softmax_loss, error = p_hat - p (code index file 7242439217)"
W2V_PROB = "cs224n word2vec.py, prob = np.dot(center_word_vec, outside_vectors.T) (code index file 20745613121)"
W2V_RESHAPE = "cs224n word2vec.py, grad_outside_vecs by np.reshape(..., (-1, 1)) (code index file 47258930302)"
W2V_COLS = "word2vec from scratch, U_context_words_weights with words as columns (code index file 5740154914)"
W2V_MATMUL = ("cs224n word2vec.py notes, np.matmul(outsideVectors, dscores) (code index file 9974510711) [its first line restored "
              "from the excerpt's 'ec)'; dscores[o] -= 1 written - Y.ravel()]")
W2V_MATMUL_T = "cs224n word2vec notes, np.matmul(outsideVectors.T, dscores) (code index file 44465911694) [dscores[o] -= 1 written - Y.ravel()]"
W2V_VU = "cs224n assignment 2 write-up, y_hat = softmax(centerWordVec @ outsideVectors) (code index file 40361731097)"
W2V_DETA = "cs224n word2vec.py, deta = a-y (code index file 38595332570)"
NEG_SUM = "cs224n negSamplingLossAndGradient, np.sum over negative samples (code index file 37945154092)"
NEG_BWD = "word2vec negative-sampling backward(cache) (code index file 42128448728) [self.params.context[...] named uo, U]"
NEG_NOTE = "cs224n study notes, negSamplingLossAndGradient (code index file 5741296587) [one negative sample; y_hat_k, y_hat_o declared]"
PHYS = ("github.com/physicsd00d/cs224d Sol1_Writeup/Problem3.md (CS224d 2016 pset 1, skip-gram; u_o is a row of U) "
        "[the & alignment and the left-hand side cut]")
RYLUO = ("CS224n 2019 word2vec notes, 核心代码与核心推导 (code index file 9974510711; its code says outsideVectors is the "
         "'tranpose of U in the pdf handout', so U's columns are the u_w) [the last piece after \\\\=]")
IDL = "github.com/sid200016/Introduction-to-Deep-Learning-11785-Homeworks HW4/IDL-HW4/mytorch/nn/linear.py Linear.backward"
LABDL = "github.com/i-hs/lab_dl ch05/ex06_dot.py (backprop through Z = X.dot(W))"
NICKW = "github.com/Nick-Wue/EML_Tasks Task6/Task6.py (dLdW = dLdY.T @ X checked against torch)"
LINBWD = "linear_backward(dZ, cache), deeplearning.ai style (code index excerpt) [cache unpacked]"
FWDBWD = "forward(X, W, b)/backward(dZ, X, W, b), columns are samples (code index excerpt) [b declared (k, 1)]"
CORNELL_A = "github.com/aswin1447/Machine-Learning-Project hw04/ridge.m (Cornell CS4780) [MATLAB written in numpy, lambda → lambdaa]"
CORNELL_B = "Cornell CS4780 ridge.m, h = w' * xTr (code index excerpt) [MATLAB written in numpy, lambda → lambdaa]"
CORNELL_C = "github.com/joechengz/machine-learning project4/ridge.m (Cornell CS4780) [MATLAB written in numpy, lambda → lambdaa]"
RIDGE_OBJ = "Ridge(Objective).grad, '(1/2n) ||Xw - y||^2 + (λ/2) ||w||^2' (code index excerpt) [self. dropped]"
SAMUEL = "github.com/samuelchvez/python-ml-2021 gradient/linear_cost.py linear_cost_gradient (theta[0] not regularized) [lmbd written lambd]"
LRGRAD = "Coursera-ML ex2 port, lrGradient with np.concatenate (code index excerpt) [gradient() inlined]"
DAISY = ("github.com/daisyjack/usual_ML_algorithm part02/part2_code/regularization-cross-validation/logistic_r.m "
         "(ascent on the log-likelihood minus λ‖w‖²) [the update's direction; MATLAB written in numpy, lambda → lambd]")

# --------------------------------------------------------------------------------------------------
# losses
# --------------------------------------------------------------------------------------------------
W2V_COL = "-sum(t*log(softmax(v.T@U)))"
W2V_COL_SHAPES = "U:d,m v:d,1 t:1,m:onehot"
W2V_COL_WHERE = ("y = t.T", "yhat = softmax(v.T@U).T", "v_c = v")
W2V_ROW = "-sum(t*log(softmax((U@v).T)))"
W2V_ROW_SHAPES = "U:m,d v:d,1 t:1,m:onehot"
W2V_ROW_WHERE = ("y = t.T", "yhat = softmax((U@v).T).T", "v_c = v")
NEG = "-log(sigmoid(uo.T@v)) - sum(log(sigmoid(-(U@v))))"
NEG_SHAPES = "uo:d,1 v:d,1 U:K,d"
NEG1 = "-log(sigmoid(uo.T@v)) - log(sigmoid(-(uk.T@v)))"
NEG1_SHAPES = "uo:d,1 v:d,1 uk:d,1"
V_C = ("v_c = v",)
CLARK_NET = "-sum(t*log(softmax((U@relu(W@x + b1) + b2).T)))"
CLARK_SHAPES = "x:d,1 W:h,d b1:h,1 U:k,h b2:k,1 t:1,k:onehot"
CLARK_WHERE = ("h = relu(W@x + b1)", "delta_1 = softmax((U@relu(W@x + b1) + b2).T) - t",
               "delta_2 = (delta_1@U)*sign(relu(W@x + b1)).T")
W2V_NP = "-sum(Y@log(softmax(outsideVectors@centerWordVec)))"
W2V_NP_SHAPES = "outsideVectors:m,d centerWordVec:d Y:1,m:onehot"
W2V_SNAKE_LOSS = "-sum(Y@log(softmax(outside_vectors@center_word_vec)))"
W2V_SNAKE_SHAPES = "outside_vectors:m,d center_word_vec:d Y:1,m:onehot"
NEG_NP = "-log(sigmoid(uo@v)) - sum(log(sigmoid(-(U@v))))"
NEG_NP_SHAPES = "uo:d v:d U:K,d"

# --------------------------------------------------------------------------------------------------
# LaTeX
# --------------------------------------------------------------------------------------------------
st_b = A(STEVRING + " (b), its last line", W2V_COL, W2V_COL_SHAPES, "v", r"&= U^T(\hat{y} - y)^T", "latex", W2V_COL_WHERE,
         W, "shape")
st_b_mid = A(STEVRING + " (b), the line before", W2V_COL, W2V_COL_SHAPES, "v",
             r"&= (\hat{y} - y) \frac{\partial U^Tv_c}{\partial v_c}", "latex", W2V_COL_WHERE, W, "shape")
st_c = A(STEVRING + " (c) (its left-hand side says v_c)", W2V_COL, W2V_COL_SHAPES, "U", r"&= v_c(\hat{y} - y)^T", "latex",
         W2V_COL_WHERE)
st_e1 = A(STEVRING + " (e), ∂J/∂v_c of the negative-sampling loss", NEG, NEG_SHAPES, "v",
          r"\frac{\partial J}{\partial v_c}=-(1-\sigma(u_o^Tv_c))u_o+\sum_{k=1}^K(1-\sigma(u^T_{k}v_c))u_k", "latex", V_C,
          W, "other")
st_e2 = A(STEVRING + " (e), ∂J/∂u_o", NEG, NEG_SHAPES, "uo", r"\frac{\partial J}{\partial u_o}=-(1-\sigma(u^T_ov_c))v_c",
          "latex", V_C)
st_e3 = A(STEVRING + " (e), ∂J/∂u_k [one negative sample]", NEG1, NEG1_SHAPES, "uk",
          r"\frac{\partial J}{\partial u_k}=(1-\sigma(u^T_k v_c))v_c", "latex", V_C, W, "other")
st_d = A(STEVRING + " (b), the softmax step ∂J/∂θ (numerator layout)", "-sum(t*log(softmax(theta.T)))",
         "theta:m,1 t:1,m:onehot", "theta", r"\frac{\partial J}{\partial \theta} = (\hat{y} - y)^T", "latex",
         ("y = t.T", "yhat = softmax(theta.T).T"), W, "transpose")
aw_b = A(A2W + " (b)", W2V_ROW, W2V_ROW_SHAPES, "v", r"&=\pmb U^\top (\pmb {\hat y}-\pmb y)", "latex", W2V_ROW_WHERE)
aw_b_sum = A(A2W + " (b), the step before", W2V_ROW, W2V_ROW_SHAPES, "v",
             r"&=-\pmb u_0+\sum_{w=1}^{V}P(O=w|C=c)\pmb u_w", "latex", W2V_ROW_WHERE)
aw_c = A(A2W + " (c) 'in summary'", W2V_ROW, W2V_ROW_SHAPES, "U", r"&=(\pmb {\hat y}-\pmb y)^\top\times \pmb v_c", "latex",
         W2V_ROW_WHERE, W, "shape")
aw_e1 = A(A2W + " (e), ∂J/∂v_c", NEG, NEG_SHAPES, "v",
          r"&=(\sigma(\pmb u_o^\top\pmb v_c)-1)\pmb u_o+\sum_{k=1}^K(1-\sigma(\pmb u_k^\top\pmb v_c))\pmb u_k", "latex", V_C,
          W, "other")
aw_e2 = A(A2W + " (e), ∂J/∂u_o", NEG, NEG_SHAPES, "uo",
          r"\frac{\part J_{neg-sample}(\pmb v_c,o,U)}{\part \pmb u_o}=(\sigma(\pmb u_o^\top\pmb v_c)-1)\pmb v_c", "latex", V_C)
aw_e3 = A(A2W + " (e), ∂J/∂u_k [one negative sample]", NEG1, NEG1_SHAPES, "uk",
          r"(1-\sigma(\pmb u_k^\top\pmb v_c))\pmb v_c", "latex", V_C, W, "other")
cl_25 = A(CLARK + " 2.5, z = Wx, δ = ∂J/∂z a row", "delta@W@x", "delta:1,n W:n,m x:m,1", "W",
          r"\frac{\partial J}{\partial W} = \delta^T x^T", "latex")
cl_26 = A(CLARK + " 2.6, z = xW with x a row", "x@W@delta.T", "x:1,m W:m,n delta:1,n", "W", r"\frac{\partial J}{\partial W} = x^T \delta",
          "latex")
cl_d1 = A(CLARK + " 3, δ₁ = ∂J/∂θ (a row: numerator layout)", "-sum(t*log(softmax(theta.T)))", "theta:k,1 t:1,k:onehot", "theta",
          r"\delta_1 = \frac{\partial J}{\partial \theta} = (\hat{y} - y)^T", "latex", ("y = t.T", "yhat = softmax(theta.T).T"),
          W, "transpose")
cl_U = A(CLARK + " 3, ∂J/∂U", CLARK_NET, CLARK_SHAPES, "U", r"\delta_1^T h^T", "latex", CLARK_WHERE)
cl_b2 = A(CLARK + " 3, ∂J/∂b₂", CLARK_NET, CLARK_SHAPES, "b2", r"\delta_1^T", "latex", CLARK_WHERE)
cl_W = A(CLARK + " 3, ∂J/∂W", CLARK_NET, CLARK_SHAPES, "W", r"\delta_2^T x^T", "latex", CLARK_WHERE)
cl_b1 = A(CLARK + " 3, ∂J/∂b₁ (its left-hand side says W)", CLARK_NET, CLARK_SHAPES, "b1", r"\delta_2^T", "latex", CLARK_WHERE)
cl_x = A(CLARK + " 3, ∂J/∂x", CLARK_NET, CLARK_SHAPES, "x", r"\frac{\partial J}{\partial x} = (\delta_2 W)^T", "latex", CLARK_WHERE)
cl_dz = A(CLARK + " 3, δ₂ = ∂J/∂z (a row)", CLARK_NET, CLARK_SHAPES, "b1", r"\delta_1 U \circ \text{sgn}(h)", "latex", CLARK_WHERE,
          W, "shape")

ph_a = A(PHYS + " a), 'converting to matrix notation'", W2V_ROW, W2V_ROW_SHAPES, "v", r"(\hat{y} - y)^T U", "latex",
         W2V_ROW_WHERE, W, "transpose")
ph_a0 = A(PHYS + " a), the line before", W2V_ROW, W2V_ROW_SHAPES, "v", r"\hat{y}^T U - y^T U", "latex", W2V_ROW_WHERE,
          W, "transpose")
ph_b1 = A(PHYS + " b), ∂J/∂U", W2V_ROW, W2V_ROW_SHAPES, "U", r"(\hat{y} - y) v_{c}^T", "latex", W2V_ROW_WHERE)
ph_b2 = A(PHYS + " b), ∂J/∂U, its second line", W2V_ROW, W2V_ROW_SHAPES, "U", r"v_{c} (\hat{y} - y)^T", "latex", W2V_ROW_WHERE,
          W, "transpose")
ph_c1 = A(PHYS + " c), ∂J/∂v_c of the negative-sampling loss", NEG, NEG_SHAPES, "v",
          r"-(1-\sigma(u_{o}^T v_{c}))  u_{o}  +  \sum_k(1-\sigma(-u_{k}^T v_{c}))  u_{k}", "latex", V_C)
ph_c2 = A(PHYS + " c), ∂J/∂u_o", NEG, NEG_SHAPES, "uo", r"- (1- \sigma(u_{o}^T v_{c}))  v_{c}.", "latex", V_C)
ph_c3 = A(PHYS + " c), ∂J/∂u_k (u_k v_c without its transpose) [one negative sample]", NEG1, NEG1_SHAPES, "uk",
          r"(1-\sigma(-u_{k} v_{c}))  v_{c}.", "latex", V_C, W, "shape")

ry_sum = A(RYLUO + ", the sum before the last step", W2V_COL, W2V_COL_SHAPES, "v",
           r"-\boldsymbol u_o+    \sum_{w=1}^{V}P(O=w|C=c)\boldsymbol u_w", "latex", W2V_COL_WHERE + ("u_o = U@t.T",))
ry_ut = A(RYLUO + ", the result", W2V_COL, W2V_COL_SHAPES, "v", r"\boldsymbol U^T(\hat{\boldsymbol y} - \boldsymbol y)", "latex",
          W2V_COL_WHERE, W, "shape")
ry_neg = A(RYLUO + ", the negative-sampling result", NEG, NEG_SHAPES, "v",
           r"-(1-\sigma(\boldsymbol u_o^T\boldsymbol v_c))\boldsymbol u_o+\sum_{k=1}^{K}(1-\sigma(-\boldsymbol u_k^T\boldsymbol v_c))\boldsymbol u_k",
           "latex", V_C)

LATEX_REAL = [ry_sum, ry_ut, ry_neg, ph_a, ph_a0, ph_b1, ph_b2, ph_c1, ph_c2, ph_c3, st_b, st_b_mid, st_c, st_e1, st_e2, st_e3, st_d, aw_b, aw_b_sum, aw_c, aw_e1, aw_e2, aw_e3,
              cl_25, cl_26, cl_d1, cl_U, cl_b2, cl_W, cl_b1, cl_x, cl_dz]

LATEX_VARIANTS = [
    variant(st_b, r"U(\hat{y} - y)", None, C),
    variant(st_c, r"v_c(\hat{y} - y)", "shape"),
    variant(st_e1, r"-(1-\sigma(u_o^Tv_c))u_o+\sum_{k=1}^K\sigma(u^T_{k}v_c)u_k", None, C),
    variant(aw_b, r"\pmb U (\pmb {\hat y}-\pmb y)", "shape"),
    variant(aw_b, r"\pmb U^\top (\pmb y-\pmb {\hat y})", "sign"),
    variant(aw_c, r"(\pmb {\hat y}-\pmb y)\pmb v_c^\top", None, C),
    variant(aw_c, r"\pmb v_c(\pmb {\hat y}-\pmb y)^\top", "transpose"),
    variant(aw_e2, r"(1-\sigma(\pmb u_o^\top\pmb v_c))\pmb v_c", "sign"),
    variant(cl_U, r"h \delta_1", "transpose"),
    variant(cl_W, r"\delta_1^T x^T", "shape"),
    variant(cl_x, r"(\delta_2 W)", "transpose"),
    variant(cl_b2, r"\delta_1", "transpose"),
]

# --------------------------------------------------------------------------------------------------
# numpy
# --------------------------------------------------------------------------------------------------
np_ind_v = A(W2V_IND, W2V_NP, W2V_NP_SHAPES, "centerWordVec", """\
x = np.dot(outsideVectors,centerWordVec)
y_hat =  softmax(x)
y = Y.ravel()
Ind_grad  = y - y_hat
gradCenterVec = np.dot(Ind_grad,outsideVectors)
""", "numpy", verdict=W, diagnosis="sign")
np_ind_U = A(W2V_IND + " (gradOutsideVecs)", W2V_NP, W2V_NP_SHAPES, "outsideVectors", """\
x = np.dot(outsideVectors,centerWordVec)
y_hat =  softmax(x)
y = Y.ravel()
v_exp = (np.expand_dims(centerWordVec, axis=0))
Ind_grad_exp = (np.expand_dims((y_hat-y), axis=0))
gradOutsideVecs = np.dot(np.transpose(Ind_grad_exp),v_exp)
""", "numpy")
np_delta_v = A(W2V_DELTA, "-sum(Y@log(softmax(U@v_c)))", "U:m,d v_c:d Y:1,m:onehot", "v_c", """\
y_hat = softmax(np.dot(U, v_c)) #(V, )
delta = y_hat - Y.ravel() #(V, )
gradCenterVec = np.dot(U.T, delta) #(D, )
""", "numpy")
np_delta_U = A(W2V_DELTA + " (gradOutsideVecs)", "-sum(Y@log(softmax(U@v_c)))", "U:m,d v_c:d Y:1,m:onehot", "U", """\
y_hat = softmax(np.dot(U, v_c)) #(V, )
delta = y_hat - Y.ravel() #(V, )
gradOutsideVecs = np.dot(delta[:, np.newaxis], v_c[np.newaxis, :])#(V, D)
""", "numpy")
np_snake_v = A(W2V_SNAKE, W2V_SNAKE_LOSS, W2V_SNAKE_SHAPES, "center_word_vec", """\
y_hat = softmax(np.dot(outside_vectors, center_word_vec))
y = Y.ravel()
grad_center_vec = np.dot((y_hat - y), outside_vectors)
""", "numpy")
np_snake_U = A(W2V_SNAKE + " (grad_outside_vecs)", W2V_SNAKE_LOSS, W2V_SNAKE_SHAPES, "outside_vectors", """\
y_hat = softmax(np.dot(outside_vectors, center_word_vec))
y = Y.ravel()
grad_outside_vecs = np.outer((y_hat - y), center_word_vec)
""", "numpy")
np_class_v = A(W2V_CLASS + " [self. dropped]", "-sum(Y@log(softmax(outside_word_vectors@center_word_vec)))",
               "outside_word_vectors:m,d center_word_vec:d Y:1,m:onehot", "center_word_vec", """\
theta = np.dot(outside_word_vectors, center_word_vec)
p = Y.ravel()
p_hat = softmax(theta)
error = p_hat - p
grad_center_vec = np.dot(error, outside_word_vectors)
""", "numpy")
np_class_U = A(W2V_CLASS + " [self. dropped] (grad_outside_vecs)", np_class_v["loss"], np_class_v["shapes"], "outside_word_vectors", """\
theta = np.dot(outside_word_vectors, center_word_vec)
p = Y.ravel()
p_hat = softmax(theta)
error = p_hat - p
grad_outside_vecs = np.outer(error, center_word_vec)
""", "numpy")
np_prob_v = A(W2V_PROB, W2V_SNAKE_LOSS, W2V_SNAKE_SHAPES, "center_word_vec", """\
prob = np.dot(center_word_vec, outside_vectors.T)
y_hat = softmax(prob)
delta = y_hat - Y.ravel()
grad_center_vec = np.dot(delta, outside_vectors)
""", "numpy")
np_prob_U = A(W2V_PROB + " (grad_outside_vecs)", W2V_SNAKE_LOSS, W2V_SNAKE_SHAPES, "outside_vectors", """\
prob = np.dot(center_word_vec, outside_vectors.T)
y_hat = softmax(prob)
delta = y_hat - Y.ravel()
grad_outside_vecs = np.dot(delta[:, np.newaxis], center_word_vec[np.newaxis, :])
""", "numpy")
np_resh_v = A(W2V_RESHAPE, W2V_SNAKE_LOSS, W2V_SNAKE_SHAPES, "center_word_vec", """\
y_hat = softmax(np.dot(outside_vectors, center_word_vec))
y = Y.ravel()
diff = (y_hat - y)
grad_center_vec = np.dot(outside_vectors.T, diff)
""", "numpy")
np_resh_U = A(W2V_RESHAPE + " (grad_outside_vecs)", W2V_SNAKE_LOSS, W2V_SNAKE_SHAPES, "outside_vectors", """\
y_hat = softmax(np.dot(outside_vectors, center_word_vec))
y = Y.ravel()
diff = (y_hat - y)
grad_outside_vecs = np.dot(np.reshape(center_word_vec, (-1, 1)), np.reshape((y_hat - y), (-1, 1)).T).T
""", "numpy")
np_cols_v = A(W2V_COLS + " [center vector h written c]", "-sum(Y@log(softmax(U_context_words_weights.T@c)))",
              "U_context_words_weights:d,m c:d Y:1,m:onehot", "c", """\
u = np.dot(U_context_words_weights.T, c)
yhat = softmax(u)
e = yhat - Y.ravel()
grad_center_vec = np.dot(U_context_words_weights, e)
""", "numpy")
np_cols_U = A(W2V_COLS + " [center vector h written c] (grad_outside_vecs)", np_cols_v["loss"], np_cols_v["shapes"],
              "U_context_words_weights", """\
u = np.dot(U_context_words_weights.T, c)
yhat = softmax(u)
e = yhat - Y.ravel()
grad_outside_vecs = np.dot(c[:, np.newaxis], e[np.newaxis, :])
""", "numpy")
np_matmul = A(W2V_MATMUL, W2V_NP, W2V_NP_SHAPES, "centerWordVec", """\
scores = np.matmul(outsideVectors, centerWordVec)  # size=(vocab_size, 1)
probs = softmax(scores)  # size=(vocab, 1)
dscores = probs - Y.ravel()  # dscores=y_hat - y
gradCenterVec = np.matmul(outsideVectors, dscores)  # J关于vc的偏导数公式  size=(vocab_size, 1)
""", "numpy", verdict=W, diagnosis="shape")
np_matmul_t = A(W2V_MATMUL_T, W2V_NP, W2V_NP_SHAPES, "centerWordVec", """\
scores = np.matmul(outsideVectors, centerWordVec)
probs = softmax(scores)                          # (vocab_size,1)  y_hat
dscores = probs - Y.ravel()   #  y_hat minus y
gradCenterVec = np.matmul(outsideVectors.T, dscores)  # (embedding_dim,1)
""", "numpy")
np_matmul_t_U = A(W2V_MATMUL_T + " (gradOutsideVecs)", W2V_NP, W2V_NP_SHAPES, "outsideVectors", """\
scores = np.matmul(outsideVectors, centerWordVec)
probs = softmax(scores)                          # (vocab_size,1)  y_hat
dscores = probs - Y.ravel()   #  y_hat minus y
gradOutsideVecs = np.outer(dscores, centerWordVec) # (vocab_size,embedding_dim)
""", "numpy")
np_vu = A(W2V_VU + " [y = Y.ravel()]", W2V_NP, W2V_NP_SHAPES, "centerWordVec", """\
y_hat = softmax(centerWordVec @ outsideVectors)
y = Y.ravel()
gradCenterVec = (y_hat - y) @ outsideVectors
""", "numpy", verdict=W, diagnosis="shape")
np_deta = A(W2V_DETA + " [y = Y.ravel()]", W2V_NP, W2V_NP_SHAPES, "outsideVectors", """\
a = softmax(np.dot(outsideVectors, centerWordVec))
y = Y.ravel()
deta = a-y
gradOutsideVecs = np.outer(deta, centerWordVec)
""", "numpy")
np_neg_sum = A(NEG_SUM + " [outsideVectors[outsideWordIdx] named uo, outsideVectors[negSampleWordIndices] U]", NEG_NP,
               NEG_NP_SHAPES, "v", """\
sigOutsideWords = sigmoid(uo @ v)
sigNegativeWords = sigmoid(-(U @ v))
GradCenterVec = np.dot((sigOutsideWords - 1.0), uo) - \\
                np.sum((sigNegativeWords - 1.0)[:, np.newaxis] * U, axis=0)
""", "numpy")
np_neg_sum_o = A(NEG_SUM + " (∂J/∂u_o) [outsideVectors[outsideWordIdx] named uo]", NEG_NP, NEG_NP_SHAPES, "uo", """\
sigOutsideWords = sigmoid(uo @ v)
g = (sigOutsideWords - 1.0) * v
""", "numpy")
np_neg_bwd = A(NEG_BWD, NEG_NP, NEG_NP_SHAPES, "v", """\
pos_sig = sigmoid(uo @ v)
neg_scores = U @ v
neg_sig_pos = sigmoid(neg_scores)
grad_center_vec = (pos_sig - 1.0) * uo
grad_center_vec += np.sum(neg_sig_pos[:, None] * U, axis=0)
""", "numpy")
np_neg_bwd_U = A(NEG_BWD + " (grad_context[neg_indices])", NEG_NP, NEG_NP_SHAPES, "U", """\
neg_scores = U @ v
neg_sig_pos = sigmoid(neg_scores)
g = neg_sig_pos[:, None] * v
""", "numpy")
np_neg_note = A(NEG_NOTE, "-log(sigmoid(uo@v)) - log(sigmoid(-(uk@v)))", "uo:d v:d uk:d", "v", """\
y_hat_k = uk @ v
y_hat_o = uo @ v
gradCenterVec = np.dot(sigmoid(y_hat_k), uk) + -sigmoid(-y_hat_o) * uo
""", "numpy")

IDL_LOSS = "sum(dLdZ*(A@W.T + b))"
IDL_SHAPES = "A:n,d W:k,d b:k dLdZ:n,k"
np_idl_A = A(IDL + " (dLdA) [self. dropped]", IDL_LOSS, IDL_SHAPES, "A", """\
dZdA = W.T
dZdW = A
dLdA = dLdZ @ dZdA.T
""", "numpy")
np_idl_W = A(IDL + " (dLdW) [self. dropped]", IDL_LOSS, IDL_SHAPES, "W", """\
A_reshaped = A.reshape(-1, A.shape[-1])
dLdZ_reshaped = dLdZ.reshape(-1, dLdZ.shape[-1])
dLdW = dLdZ_reshaped.T @ A_reshaped
""", "numpy")
np_idl_b = A(IDL + " (dLdb) [self. dropped]", IDL_LOSS, IDL_SHAPES, "b", """\
dLdZ_reshaped = dLdZ.reshape(-1, dLdZ.shape[-1])
dLdb = dLdZ_reshaped.sum(axis = 0)
""", "numpy")
np_lab_X = A(LABDL, "sum(delta*(X@W))", "X:n,d W:d,k delta:n,k", "X", "dX = delta.dot(W.T)\n", "numpy")
np_lab_W = A(LABDL, "sum(delta*(X@W))", "X:n,d W:d,k delta:n,k", "W", "dW = X.T.dot(delta)\n", "numpy")
np_nick_W = A(NICKW, "sum(dLdY*(X@W.T))", "X:n,d W:k,d dLdY:n,k", "W", "dLdW = dLdY.T @ X\n", "numpy")
np_nick_X = A(NICKW, "sum(dLdY*(X@W.T))", "X:n,d W:k,d dLdY:n,k", "X", "dLdX = dLdY @ W\n", "numpy")
LB_LOSS = "sum(dZ*(W@A_prev + b@ones((1,m))))/m"
LB_SHAPES = "A_prev:d,m W:k,d b:k,1 dZ:k,m"
np_lb_W = A(LINBWD, LB_LOSS, LB_SHAPES, "W", """\
m = A_prev.shape[1]

dW = np.matmul(dZ, A_prev.T)/m
""", "numpy")
np_lb_b = A(LINBWD, LB_LOSS, LB_SHAPES, "b", """\
m = A_prev.shape[1]

dW = np.matmul(dZ, A_prev.T)/m
db = np.sum(dZ, axis=1, keepdims=True)/m
""", "numpy")
np_lb_A = A(LINBWD + " (dA_prev: dZ is the per-example ∂L/∂Z, so no 1/m)", "sum(dZ*(W@A_prev + b@ones((1,m))))", LB_SHAPES,
            "A_prev", "dA_prev = np.matmul(W.T, dZ)\n", "numpy")
FB_LOSS = "sum(dZ*(W@X + b@ones((1,n))))"
FB_SHAPES = "X:d,n W:k,d b:k,1 dZ:k,n"
np_fb_b = A(FWDBWD, FB_LOSS, FB_SHAPES, "b", "db = np.sum(dZ, axis=1, keepdims=True)\n", "numpy")
np_fb_W = A(FWDBWD, FB_LOSS, FB_SHAPES, "W", "dW = dZ @ X.T\n", "numpy")
np_fb_X = A(FWDBWD, FB_LOSS, FB_SHAPES, "X", "dX = W.T @ dZ\n", "numpy")

CORNELL = "sum((w.T@xTr - yTr)**2) + lambdaa*sum(w*w)"
CORNELL_SHAPES = "xTr:d,n w:d,1 yTr:1,n"
np_cor_a = A(CORNELL_A, CORNELL, CORNELL_SHAPES, "w",
             "gradient = 2 * xTr @ (w.T @ xTr).T - 2 * xTr @ yTr.T + 2 * lambdaa * w\n", "numpy")
np_cor_b = A(CORNELL_B, CORNELL, CORNELL_SHAPES, "w", """\
h = w.T @ xTr
gradient = (2 * h @ xTr.T).T - 2 * xTr @ yTr.T + 2 * lambdaa * w
""", "numpy")
np_cor_c = A(CORNELL_C, CORNELL, CORNELL_SHAPES, "w", """\
s = w.T @ xTr - yTr
gradient = 2 * xTr @ s.T + 2 * lambdaa * w
""", "numpy")
np_ridge_obj = A(RIDGE_OBJ, "0.5*sum((X@w - y)**2)/n + 0.5*lam*sum(w**2)", "X:n,d w:d y:n", "w", """\
def grad(X, y, w):
    n = X.shape[0]
    return X.T @ (X @ w - y) / n + lam * w
""", "numpy")
np_samuel = A(SAMUEL, "sum((X@theta - y)**2)/(2*n) + lambd/(2*n)*sum(theta[1:]**2)", "X:n,d theta:d y:n", "theta", """\
def linear_cost_gradient(theta, X, y, lambd):
    h = X @ theta
    theta_copy = theta.copy()
    theta_copy[0] = 0
    reg_prime = lambd * theta_copy / len(X)
    return ((X.T @ (h - y)) / len(X)) + reg_prime
""", "numpy")
np_lrgrad = A(LRGRAD, "-sum(y*log(sigmoid(X@theta)) + (1 - y)*log(1 - sigmoid(X@theta)))/n + l/(2*n)*sum(theta[1:]**2)",
              "X:n,d theta:d y:n:binary", "theta", """\
theta_j1_to_n = theta[1:]
regularized_theta = (l / len(X)) * theta_j1_to_n

regularized_term = np.concatenate([np.array([0]), regularized_theta])

g = (1 / len(X)) * X.T @ (sigmoid(X @ theta) - y) + regularized_term
""", "numpy")
np_daisy = A(DAISY, "sum(y*log(sigmoid(w.T@X)) + (1 - y)*log(1 - sigmoid(w.T@X))) - lambd*sum(w*w)", "X:d,n w:d,1 y:1,n:binary",
             "w", "g = (X @ (y.T - (1 / (1 + np.exp(w.T @ X * -1))).T) + 2*lambd*w)\n", "numpy", verdict=W, diagnosis="sign")

NUMPY_REAL = [np_ind_v, np_ind_U, np_delta_v, np_delta_U, np_snake_v, np_snake_U, np_class_v, np_class_U, np_prob_v,
              np_prob_U, np_resh_v, np_resh_U, np_cols_v, np_cols_U, np_matmul, np_matmul_t, np_matmul_t_U, np_vu, np_deta, np_neg_sum, np_neg_sum_o, np_neg_bwd, np_neg_bwd_U,
              np_neg_note, np_idl_A, np_idl_W, np_idl_b, np_lab_X, np_lab_W, np_nick_W, np_nick_X, np_lb_W, np_lb_b,
              np_lb_A, np_fb_b, np_fb_W, np_fb_X, np_cor_a, np_cor_b, np_cor_c, np_ridge_obj, np_samuel, np_lrgrad, np_daisy]

NUMPY_VARIANTS = [
    variant(np_snake_v, np_snake_v["answer"].replace("np.dot((y_hat - y), outside_vectors)", "np.dot(outside_vectors, (y_hat - y))"),
            "shape"),
    variant(np_snake_U, np_snake_U["answer"].replace("np.outer((y_hat - y), center_word_vec)", "np.outer(center_word_vec, (y_hat - y))"),
            "transpose"),
    variant(np_idl_W, np_idl_W["answer"].replace("dLdZ_reshaped.T @ A_reshaped", "A_reshaped.T @ dLdZ_reshaped"), "transpose"),
    variant(np_lb_W, np_lb_W["answer"].replace("/m", ""), "factor"),
    variant(np_cor_c, np_cor_c["answer"].replace("2 * lambdaa * w", "lambdaa * w"), "factor"),
    variant(np_neg_bwd, np_neg_bwd["answer"].replace("neg_sig_pos = sigmoid(neg_scores)", "neg_sig_pos = sigmoid(-neg_scores)"),
            "other"),
]

ANSWERS: list[dict] = LATEX_REAL + LATEX_VARIANTS + NUMPY_REAL + NUMPY_VARIANTS

# --------------------------------------------------------------------------------------------------
# the ground truth: each LaTeX answer in numpy (columns as declared), for the central-difference check
# --------------------------------------------------------------------------------------------------
TRUTH = {
    ry_sum["answer"]: "-U@t.T + U@softmax(v.T@U).T",
    ry_ut["answer"]: "U.T@(softmax(v.T@U).T - t.T)",
    ry_neg["answer"]: "-(1 - sigmoid(uo.T@v))*uo + U.T@(1 - sigmoid(-(U@v)))",
    ph_a["answer"]: "(softmax((U@v).T).T - t.T).T@U",
    ph_a0["answer"]: "softmax((U@v).T)@U - t@U",
    ph_b1["answer"]: "(softmax((U@v).T).T - t.T)@v.T",
    ph_b2["answer"]: "v@(softmax((U@v).T).T - t.T).T",
    ph_c1["answer"]: "-(1 - sigmoid(uo.T@v))*uo + U.T@(1 - sigmoid(-(U@v)))",
    ph_c2["answer"]: "-(1 - sigmoid(uo.T@v))*v",
    ph_c3["answer"]: "(1 - sigmoid(-(uk@v)))*v",
    st_b["answer"]: "U.T@(softmax(v.T@U).T - t.T).T",
    st_b_mid["answer"]: "(softmax(v.T@U).T - t.T)@U.T",
    st_c["answer"]: "v@(softmax(v.T@U).T - t.T).T",
    st_e1["answer"]: "-(1 - sigmoid(uo.T@v))*uo + U.T@(1 - sigmoid(U@v))",
    st_e2["answer"]: "-(1 - sigmoid(uo.T@v))*v",
    st_e3["answer"]: "(1 - sigmoid(uk.T@v))*v",
    st_d["answer"]: "(softmax(theta.T).T - t.T).T",
    aw_b["answer"]: "U.T@(softmax((U@v).T).T - t.T)",
    aw_b_sum["answer"]: "-U.T@t.T + U.T@softmax((U@v).T).T",
    aw_c["answer"]: "(softmax((U@v).T).T - t.T).T@v",
    aw_e1["answer"]: "(sigmoid(uo.T@v) - 1)*uo + U.T@(1 - sigmoid(U@v))",
    aw_e2["answer"]: "(sigmoid(uo.T@v) - 1)*v",
    aw_e3["answer"]: "(1 - sigmoid(uk.T@v))*v",
    cl_25["answer"]: "delta.T@x.T",
    cl_26["answer"]: "x.T@delta",
    cl_d1["answer"]: "(softmax(theta.T).T - t.T).T",
    cl_U["answer"]: "delta_1.T@h.T",
    cl_b2["answer"]: "delta_1.T",
    cl_W["answer"]: "delta_2.T@x.T",
    cl_b1["answer"]: "delta_2.T",
    cl_x["answer"]: "(delta_2@W).T",
    cl_dz["answer"]: "(delta_1@U)*np.sign(h)",
    # variants
    r"U(\hat{y} - y)": "U@(softmax(v.T@U).T - t.T)",
    r"v_c(\hat{y} - y)": "v@(softmax(v.T@U).T - t.T)",
    r"-(1-\sigma(u_o^Tv_c))u_o+\sum_{k=1}^K\sigma(u^T_{k}v_c)u_k": "-(1 - sigmoid(uo.T@v))*uo + U.T@sigmoid(U@v)",
    r"\pmb U (\pmb {\hat y}-\pmb y)": "U@(softmax((U@v).T).T - t.T)",
    r"\pmb U^\top (\pmb y-\pmb {\hat y})": "U.T@(t.T - softmax((U@v).T).T)",
    r"(\pmb {\hat y}-\pmb y)\pmb v_c^\top": "(softmax((U@v).T).T - t.T)@v.T",
    r"\pmb v_c(\pmb {\hat y}-\pmb y)^\top": "v@(softmax((U@v).T).T - t.T).T",
    r"(1-\sigma(\pmb u_o^\top\pmb v_c))\pmb v_c": "(1 - sigmoid(uo.T@v))*v",
    r"h \delta_1": "h@delta_1",
    r"\delta_1^T x^T": "delta_1.T@x.T",
    r"(\delta_2 W)": "delta_2@W",
    r"\delta_1": "delta_1",
}

_CLARK_NUMPY = ("h = np.maximum(0, W@x + b1)", "delta_1 = softmax((U@np.maximum(0, W@x + b1) + b2).T) - t",
                "delta_2 = (delta_1@U)*np.sign(np.maximum(0, W@x + b1)).T")
TRUTH_WHERE = {
    CLARK_WHERE: _CLARK_NUMPY,
}

__all__ = ["ANSWERS", "TRUTH", "TRUTH_WHERE"]
