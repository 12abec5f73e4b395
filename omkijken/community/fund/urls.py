from django.urls import path

from omkijken.community.fund import views

urlpatterns = [
    path("fonds/", views.fund_list, name="community_fund"),
    path("fonds/aanvragen/", views.fund_apply, name="community_fund_apply"),
    path("fonds/rapport/", views.fund_report, name="community_fund_report"),
    path("fonds/budget/<int:pk>/", views.fund_budget, name="community_fund_budget"),
    path("fonds/<int:pk>/", views.fund_detail, name="community_fund_detail"),
    path("fonds/<int:pk>/besluit/", views.fund_decide, name="community_fund_decide"),
    path("fonds/<int:pk>/uitbetaling/", views.fund_payout, name="community_fund_payout"),
    path("fonds/<int:pk>/bon/", views.receipt_upload, name="community_receipt_upload"),
    path("fonds/bon/<int:pk>/", views.receipt_download, name="community_receipt"),
]
