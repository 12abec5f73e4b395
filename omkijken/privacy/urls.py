from django.urls import path

from omkijken.privacy import views

urlpatterns = [
    path("verzoeken/", views.request_list, name="privacy_requests"),
    path("verzoeken/<int:pk>/", views.request_detail, name="privacy_request_detail"),
    path("verzoeken/<int:pk>/afronden/", views.request_complete, name="privacy_request_complete"),
    path("verzoeken/<int:pk>/weigeren/", views.request_refuse, name="privacy_request_refuse"),
    path("verzoeken/<int:pk>/wissen/", views.request_erase, name="privacy_request_erase"),
    path("verzoeken/<int:pk>/inzage.json", views.request_json, name="privacy_request_json"),
    path("verzoeken/<int:pk>/inzage.pdf", views.request_pdf, name="privacy_request_pdf"),
    path("bewaarplicht/", views.holds, name="privacy_holds"),
    path("bewaarplicht/<int:pk>/opheffen/", views.hold_lift, name="privacy_hold_lift"),
    path("bewaartermijnen/", views.retention, name="privacy_retention"),
    path("bewaartermijnen/bon/<int:pk>/", views.receipt, name="privacy_receipt"),
    path("mijn-gegevens/", views.mine, name="privacy_mine"),
]
