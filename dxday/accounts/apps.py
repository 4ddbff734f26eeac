from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dxday.accounts"
    label = "accounts"
