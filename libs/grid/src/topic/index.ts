export { GridTopic, TopicService, type TopicMessageInfo } from './topic-service';
