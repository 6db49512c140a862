#!/usr/bin/python3
"""Debian's graphite-web (its WSGI application, Django under the system's
python3) on 127.0.0.1, a port the kernel chooses, with a scratch settings
module pointing at a scratch whisper tree.  Used by tests/lab/test_graphs.sh.

  graphite_web.py --storage DIR --carbonlink 127.0.0.1:PORT --port-file FILE

DIR/whisper is carbon-cache's LOCAL_DATA_DIR; CARBONLINK lets /render read
the points carbon-cache holds but has not yet written.  The port is written
to FILE once the server listens.  Runs until killed.
"""
import argparse
import os
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--storage", required=True)
    ap.add_argument("--carbonlink", required=True)
    ap.add_argument("--port-file", required=True)
    a = ap.parse_args()
    storage = os.path.abspath(a.storage)
    conf = os.path.join(storage, "webconf")
    os.makedirs(conf, exist_ok=True)
    os.makedirs(os.path.join(storage, "log"), exist_ok=True)
    with open(os.path.join(conf, "cuc_lab_graphite.py"), "w") as f:
        f.write("""SECRET_KEY = 'cuc-lab-only'
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
STORAGE_DIR = %(s)r
WHISPER_DIR = %(w)r
STANDARD_DIRS = [%(w)r]
INDEX_FILE = %(s)r + '/index'
LOG_DIR = %(s)r + '/log'
CONF_DIR = %(c)r
CARBONLINK_HOSTS = [%(l)r]
DATABASES = {'default': {'NAME': %(s)r + '/graphite.db',
                         'ENGINE': 'django.db.backends.sqlite3'}}
LOG_RENDERING_PERFORMANCE = False
LOG_CACHE_PERFORMANCE = False
LOG_INFO_PERFORMANCE = False
""" % {"s": storage, "w": os.path.join(storage, "whisper"), "c": conf,
       "l": a.carbonlink})
    sys.path.insert(0, conf)
    os.environ["DJANGO_SETTINGS_MODULE"] = "graphite.settings"
    os.environ["GRAPHITE_SETTINGS_MODULE"] = "cuc_lab_graphite"
    from django.core.wsgi import get_wsgi_application
    from wsgiref.simple_server import make_server, WSGIRequestHandler

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass
    server = make_server("127.0.0.1", 0, get_wsgi_application(),
                         handler_class=Quiet)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(
        a.port_file)))
    with os.fdopen(fd, "w") as f:
        f.write("%d\n" % server.server_port)
    os.rename(tmp, a.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
