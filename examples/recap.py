"""Recap: the lecture's 3-step recipe (model, loss, optimizer) on linear and logistic regression.

Linear regression on seeded synthetic data learns the true w and b back; logistic regression on
scikit-learn's breast cancer data reports its test accuracy.  Both are trained with the lecture's
full-batch gradient descent w ← w − α∇L(w).

Run from the repo root: `python examples/recap.py`.  The notebook `examples/recap.ipynb` is generated
from this file by `python examples/make_notebooks.py`.
"""
from __future__ import annotations

# %%
import numpy as np

from numeric import train
from numeric.data import load_builtin, synthetic
from numeric.data.prepare import Standardizer, train_test_split
from numeric.predict import accuracy
from symbolic.models import MODELS, objective
from symbolic.render.text import text

# %% [markdown]
# ## The 3 step recipe
#
# 1) architecture / model $f_w(x) \approx y$
#
# 2) loss $\frac{1}{n} \sum_{i=1}^n \ell(y_i, \hat{y}_i)$
#
# 3) optimizer: gradient descent $w \leftarrow w - \alpha \nabla \mathcal{L}(w)$, with $\alpha$ the learning rate
#
# symgrad's built-in models call their inputs `x` (one feature) or `x1..xd`, and the label `y`;
# datasets name their columns `x1..xd` and `y`.  `data_columns` hands the dataset's feature columns,
# in order, to the model's inputs.

# %%
def data_columns(model_objective, dataset) -> dict[str, np.ndarray]:
    """The dataset's columns under the objective's data names: features in order, then y."""
    inputs = [s.name for s in model_objective.data if s.name != "y"]
    if len(inputs) != len(dataset.feature_names):
        raise ValueError(f"the model has {len(inputs)} inputs, the data {len(dataset.feature_names)} features")
    columns = {name: dataset.columns[feature] for name, feature in zip(inputs, dataset.feature_names)}
    columns["y"] = dataset.y
    return columns


# %% [markdown]
# ## Linear regression
#
# $(x, y)$, $f_w(x) = wx + b \approx y$, loss $\ell(y, \hat{y}) = \frac{1}{2} (y - \hat{y})^2$.
# The synthetic data were drawn from a known line plus noise: its `truth` says which.

# %%
line = synthetic("linear", n=200, seed=0)
print(line, "columns:", ", ".join(line.columns), "truth:", line.truth)

linear = objective(MODELS["linear"](features=1), "squared")
print("1) model  ŷ =", text(linear.outputs[0]))
print("2) loss   L =", text(linear.expression))

# %%
fit = train(linear, data_columns(linear, line), optimizer="gd", learning_rate=0.1, epochs=500)
print(f"3) gradient descent: {fit.epochs} epochs, final loss {fit.final_loss:.4f} ({fit.stop_reason})")
learned = fit.parameter_dict()
for name in ("w", "b"):
    print(f"learned {name} = {learned[name]:.4f} (true {line.truth[name]})")

# %% [markdown]
# The noise keeps the learned line from being exactly the true one.  Least squares solved in closed
# form gives the same line, so gradient descent found the minimum:

# %%
slope, intercept = np.polyfit(line.columns["x1"], line.y, 1)
print(f"least squares: w = {slope:.4f}, b = {intercept:.4f}")
assert abs(learned["w"] - slope) < 1e-4 and abs(learned["b"] - intercept) < 1e-4

# %% [markdown]
# ## Logistic regression
#
# Two classes (malignant / benign tumours, 30 features): $\hat{y} = \sigma(w^T x + b)$ is the probability
# of class 1, and the loss is the cross-entropy $\sum_{j=1}^k \mathbb{1}[y=j] \cdot -\log(\hat{y}_j)$ with
# $k = 2$: a small $\hat{y}_j$ for the true class gives a large loss, a large $\hat{y}_j$ a small one.
# We hold out a quarter of the data to test on and standardize the features with the training part's
# mean and standard deviation.

# %%
cancer = load_builtin("breast_cancer")
train_part, test_part = train_test_split(cancer, test_fraction=0.25, seed=0)
scaler = Standardizer.fit(train_part)
train_part, test_part = scaler.transform(train_part), scaler.transform(test_part)
print(f"{cancer.name}: {cancer.n} rows, {len(cancer.feature_names)} features, classes {cancer.class_labels}; "
      f"train {train_part.n}, test {test_part.n}")

logistic = objective(MODELS["logistic"](features=len(cancer.feature_names)), "binary_cross_entropy")
classifier = train(logistic, data_columns(logistic, train_part), optimizer="gd", learning_rate=0.1, epochs=200)
print(f"gradient descent: {classifier.epochs} epochs, final loss {classifier.final_loss:.4f}")

# %%
weights = classifier.parameter_dict()
print(f"train accuracy: {accuracy(logistic, weights, data_columns(logistic, train_part)):.4f}")
print(f"test accuracy: {accuracy(logistic, weights, data_columns(logistic, test_part)):.4f}")
