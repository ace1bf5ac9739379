package org.invitebot.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.invitebot.testbed.LoopbackServer;

/**
 * What one HTTP exchange costs on this machine when the server does no work: OkHttp to a stand-in's
 * MockWebServer over loopback. The overhead figures count this plumbing, outside the stand-ins' request
 * records, as the bot's own, once per request on a command's path.
 */
final class HttpFloor {

    private static final int WARMUP = 2000;
    private static final int MEASURED = 2000;

    private HttpFloor() {
    }

    static Duration median() throws IOException, InterruptedException {
        MockWebServer server = LoopbackServer.start(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body("{}").build();
            }
        }, "empty");
        OkHttpClient client = new OkHttpClient();
        try {
            HttpUrl url = server.url("/");
            List<Duration> times = new ArrayList<>();
            for (int i = 0; i < WARMUP + MEASURED; i++) {
                long start = System.nanoTime();
                try (Response response = client.newCall(new Request.Builder().url(url)
                        .post(RequestBody.create("{}", MediaType.get("application/json"))).build()).execute()) {
                    response.body().string();
                }
                if (i >= WARMUP) {
                    times.add(Duration.ofNanos(System.nanoTime() - start));
                }
            }
            return new Percentiles(times).at(50);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            server.close();
        }
    }
}
