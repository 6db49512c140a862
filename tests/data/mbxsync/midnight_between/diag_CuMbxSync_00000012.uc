00:00:30.000 |9156,mail.example.com,,CsWebDav,14,[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error
00:01:30.000 |9156,mail.example.com,,CsWebDav,14,[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error
00:02:30.000 |9156,mail.example.com,,CsWebDav,14,[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error
00:03:30.000 |9156,mail.example.com,,CsWebDav,14,[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error
00:04:30.000 |9156,mail.example.com,,CsWebDav,14,[CsWebDav/CsWebDavHttp.cpp:99]: HTTP Status code: 500, WEBDAV response headers: HTTP/1.1 500 Internal Server Error
