app_name = "resources_directory"

urlpatterns = []
