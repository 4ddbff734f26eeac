from django.urls import path

from dxday.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notifications, name="list"),
    path("programme/<int:pk>/reminders/", views.reminder_schedule, name="schedule"),
]
