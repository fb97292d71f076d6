// The sample's tests must have run, all of them, and passed (the build would have failed otherwise).
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.echo.TypedActorsTest.xml')
assert report.isFile() : "no surefire report: the sample's tests did not run"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 4 : "expected 4 tests, ran ${suite.@tests}"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0 && suite.@skipped.toInteger() == 0
def generated = new File(basedir, 'target/generated-sources/protobuf/com/example/echo/v1/EchoHandler.java')
assert generated.isFile() : "actr-codegen did not write ${generated}"
return true
