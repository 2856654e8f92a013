"""A neural network in matrix form on handwritten digits: the backprop equations, then training.

Prints the forward pass, loss, backward pass and gradients of a 64-32-10 sigmoid network with a
softmax + cross-entropy output, with the shape of every matrix; trains it on scikit-learn's 8×8 digits
(a quarter held out, features standardized on the training part) and prints the test accuracy.

Run from the repo root: `python examples/mlp_digits.py`.  The notebook `examples/mlp_digits.ipynb` is
generated from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
import numpy as np

from numeric.data import accuracy, load_builtin
from numeric.data.prepare import Standardizer, train_test_split
from numeric.mlp import train_mlp
from symbolic.matrix import MLPSpec, matrix_derivation

# %% [markdown]
# ## Neural networks
#
# $x \in \mathbb{R}^d$, a hidden layer $u = \sigma(W^{(1)} x)$ with
# $u_i = \langle W_{(i)}^{(1)}, x \rangle + b_i = \sum_{j=1}^d x_j \cdot W_{ij}^{(1)} + b_i$ before σ,
# and $\sigma(v) = [\sigma(v_1), \sigma(v_2), \ldots]^T$ applied entry by entry.
# Here $d = 64$ pixels, 32 hidden sigmoid units, and a softmax over the 10 digits with the loss
# $\ell(y, \hat{y}) = \sum_{j=1}^k \mathbb{1}[y=j] \cdot -\log(\hat{y}_j)$.
#
# All n examples at once are the rows of $X$, so $W^{(\ell)}$ is $n_{\ell-1} \times n_\ell$, the transpose
# of the lecture's $h \times d$.

# %%
spec = MLPSpec.build([64, 32, 10], "sigmoid", "cross_entropy", "none")
print(spec)
print(matrix_derivation(spec).to_text())

# %% [markdown]
# ## Training
#
# The same equations run on numpy.  The digits: 1797 images of 8×8 pixels; a quarter is held out.
# The optimizer is `train_mlp`'s default, Adam: gradient descent with a step size adapted per weight.

# %%
digits = load_builtin("digits")
train_part, test_part = train_test_split(digits, test_fraction=0.25, seed=0)
scaler = Standardizer.fit(train_part)
train_part, test_part = scaler.transform(train_part), scaler.transform(test_part)
print(f"{digits.name}: train {train_part.n}, test {test_part.n}, {len(digits.feature_names)} pixels, "
      f"{len(digits.classes)} classes")

model, result = train_mlp(spec, train_part.X, train_part.y, epochs=300, seed=0)
print(f"{result.optimizer}: {result.epochs} epochs, loss {result.loss_history[0]:.4f} → {result.final_loss:.4f}")
for name, weights in model.unflatten(result.parameters).items():
    print(f"  {name}: {' × '.join(map(str, weights.shape))}")

# %%
predicted = model.predict(result.parameters, test_part.X)
print(f"train accuracy: {accuracy(model.predict(result.parameters, train_part.X), train_part.y):.4f}")
print(f"test accuracy: {accuracy(predicted, test_part.y):.4f}")
wrong = np.flatnonzero(predicted != test_part.y)
print(f"{wrong.size} test digits wrong, e.g. " +
      ", ".join(f"{test_part.y[i]:.0f} read as {predicted[i]:.0f}" for i in wrong[:5]))
