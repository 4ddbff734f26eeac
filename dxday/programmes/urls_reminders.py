from django.urls import path

from dxday.programmes import views_reminders

urlpatterns: list = [
    path(
        "programme/<int:pk>/reminders/",
        views_reminders.reminder_schedule,
        name="programmes_reminder_schedule",
    ),
    path("notifications/", views_reminders.notifications, name="programmes_notifications"),
]
