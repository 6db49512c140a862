09:42:00.000 |9156,ex01.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST
09:42:23.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:42:46.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:43:09.000 |9156,ex02.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:43:32.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:43:55.000 |9156,ex02.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:44:18.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:44:41.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:45:04.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:45:27.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:45:50.000 |9156,ex01.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST
09:46:13.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:46:36.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:46:59.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:47:22.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:47:45.000 |9156,ex02.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:48:08.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:48:31.000 |9156,ex02.example.com,,CsEws,-1,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: Timeout was reached, HTTP status code: 0, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST Diagnostic=[Timeout was reached -- operation timed out after 1000 milliseconds with 0 bytes received]
09:48:54.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:49:17.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:49:40.000 |9156,ex01.example.com,{5C0E9B7A-1D1E-4F7B-9C44-0E3B1F0A1D2C},CsEws,14,[CsEws/CsEwsHttp.cpp:312]: HTTP request failed with error: , HTTP status code: 401, for ews URL: https://ex01.example.com/EWS/Exchange.ASMX, verb: POST
09:50:03.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
09:50:26.000 |9156,,,CsMbxSync,11,[CsMbxSync/CsMbxSyncChecker.cpp:201]: checker thread: 0 subscriptions older than 15 minutes
09:50:49.000 |9156,ex02.example.com,,CsEws,11,[CsEws/CsEwsHttp.cpp:298]: HTTP status code: 200, for ews URL: https://ex02.example.com/EWS/Exchange.ASMX, verb: POST
