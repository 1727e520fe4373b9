# The PyTorch original of Program.cs, for the line count in docs/models.md (not run by the tests).
import pandas as pd
import torch
from sklearn.model_selection import train_test_split
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
df = pd.read_csv("iris.csv")
x = torch.tensor(df.iloc[:, :4].values, dtype=torch.float64)
y = torch.tensor(pd.factorize(df["species"], sort=True)[0])
x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.2, stratify=y, random_state=3)
mean, std = x_train.mean(0), x_train.std(0)
x_train, x_val = (x_train - mean) / std, (x_val - mean) / std
loader = DataLoader(TensorDataset(x_train, y_train), batch_size=16, shuffle=True)

model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3)).double()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=200)
best, patience, epoch = float("inf"), 0, 0
while epoch < 200 and patience < 20:
    epoch += 1
    model.train()
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
    scheduler.step()
    model.eval()
    with torch.no_grad():
        loss = criterion(model(x_val), y_val).item()
    best, patience = (loss, 0) if loss < best else (best, patience + 1)
    if patience == 0:
        torch.save(model.state_dict(), "iris.pt")

model.load_state_dict(torch.load("iris.pt"))
with torch.no_grad():
    accuracy = (model(x_val).argmax(1) == y_val).double().mean().item()
print(f"stopped after epoch {epoch}, best validation loss {best:.4f}")
print(f"final validation accuracy: {accuracy:.2%}")
