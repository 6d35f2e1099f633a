DROP TABLE need_links;
