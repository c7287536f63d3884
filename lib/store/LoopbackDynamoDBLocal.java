/*
 * Starts DynamoDB Local listening on 127.0.0.1 only. The jar's own main binds every interface and has no
 * option to choose one, which would expose the local data (customers' addresses, tokens) to the network
 * without authentication. This builds the server from the same command-line arguments, sets the host of
 * its Jetty connector to the loopback address, and starts it.
 *
 * Run with Java's single-file source launcher (Java 11+ with a JDK), the jar on the class path:
 *   java -cp DynamoDBLocal.jar LoopbackDynamoDBLocal.java -port 8000 -inMemory
 * lib/store/local.ts does this.
 */
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector c : server.getConnectors()) {
      if (c instanceof ServerConnector) ((ServerConnector) c).setHost("127.0.0.1");
      else throw new IllegalStateException("unexpected connector " + c);
    }
    proxy.start();
  }
}
