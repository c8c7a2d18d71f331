"""Keep the search documents in step with the pages: publish, unpublish, move, delete.

Deleting a page deletes its document through the foreign key (CASCADE).
"""

from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexing import index_page, index_subtree, remove_page, safely


def on_publish(sender, instance, **kwargs):
    safely(index_page, instance)


def on_unpublish(sender, instance, **kwargs):
    safely(remove_page, instance)


def on_move(sender, instance, **kwargs):
    safely(index_subtree, instance)


def connect():
    page_published.connect(on_publish, dispatch_uid="search_document_publish")
    page_unpublished.connect(on_unpublish, dispatch_uid="search_document_unpublish")
    post_page_move.connect(on_move, dispatch_uid="search_document_move")
