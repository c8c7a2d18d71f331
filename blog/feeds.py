"""RSS 2.0 and Atom feeds of one blog index: that language's newest posts, absolute links."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from blog.models import FEED_LENGTH, attach_localized_people_and_themes, with_listing_data


class BlogRssFeed(Feed):
    """Made per request by the index's route, so `self.request` belongs to that request only."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.language = self.index_page.locale.language_code
        return self.index_page

    def title(self, obj):
        return _("%(title)s | Kennisbank Verbondenheid & Veerkracht") % {"title": obj.title}

    def link(self, obj):
        return obj.get_url(self.request)

    def feed_url(self, obj):
        return self.request.path

    def description(self, obj):
        return obj.intro or obj.title

    def subtitle(self, obj):
        return self.description(obj)

    def items(self, obj):
        posts = with_listing_data(obj.get_posts())[:FEED_LENGTH]
        return attach_localized_people_and_themes(posts)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return ", ".join(person.name for person in item.author_list) or None

    def item_categories(self, item):
        return [theme.name for theme in item.theme_list]


class BlogAtomFeed(BlogRssFeed):
    feed_type = Atom1Feed
